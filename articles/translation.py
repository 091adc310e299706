from modeltranslation.translator import TranslationOptions, register

from .models import Article, GalleryImage, Section, Topic


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = Article.TRANSLATED_TEXT
    # Lao is the original: a release cannot be saved without its Lao title and body.
    required_languages = {"lo": ("title", "body"), "default": ()}


@register([Section, Topic])
class NameTranslationOptions(TranslationOptions):
    """Section and topic pages exist in both languages, so both names are required."""

    fields = ("name",)
    required_languages = ("lo", "en")


@register(GalleryImage)
class GalleryImageTranslationOptions(TranslationOptions):
    fields = ("alt", "caption")
    required_languages = {"lo": ("alt",), "default": ()}
