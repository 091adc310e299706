from modeltranslation.translator import TranslationOptions, register

from .models import Article


@register(Article)
class ArticleTranslationOptions(TranslationOptions):
    fields = Article.TRANSLATED_TEXT
    # Lao is the original: a release cannot be saved without its Lao title and body.
    required_languages = {"lo": ("title", "body"), "default": ()}
