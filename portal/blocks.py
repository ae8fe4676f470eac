from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class CrisisContactBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=80, help_text=_("For example: Samaritans"))
    phone = blocks.CharBlock(max_length=40, required=False, help_text=_("As people should dial it"))
    description = blocks.CharBlock(
        max_length=160, required=False, help_text=_("When to call, in a few plain words")
    )
    url = blocks.URLBlock(required=False, label=_("Web address"))

    class Meta:
        icon = "warning"
        template = "blocks/crisis_contact.html"
