"""Give a staff account one of the newsroom roles: Editor, Translator or Publisher."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from articles.workflow import ROLES


class Command(BaseCommand):
    help = (
        "Add an existing user to a role (Editor, Translator or Publisher) and let them log in "
        "to the admin. Running it again changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", help="the account's user name")
        parser.add_argument("role", choices=sorted(ROLES), help="the role to add it to")

    def handle(self, username, role, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist as error:
            raise CommandError(
                f"No user {username!r}. Create it first, e.g. with createsuperuser or the admin."
            ) from error
        group = Group.objects.get(name=role)
        if user.is_staff and user.groups.filter(pk=group.pk).exists():
            self.stdout.write(f"{username} already has the role {role}.")
            return
        user.is_staff = True
        user.save(update_fields=["is_staff"])
        user.groups.add(group)
        self.stdout.write(self.style.SUCCESS(f"{username} now has the role {role}."))
