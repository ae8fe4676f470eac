"""`{% load counts %}{{ priority.online_votes|or_hidden }}`: a protected count, or the one word every
page uses for a count it does not show (figures.py says which). `{% hidden_counts_note %}` says why,
in the same words on every page.

`{% counted_part consultation "name" %}...{% endcounted_part %}`: a part drawn from the
consultation's counts and priorities alone, the same for everyone who may see it, kept until
something it counts changes (figures_cache.py). Nothing about the person reading goes inside."""

from django import template

from consultations.figures import PAGE_NOTE, or_hidden
from consultations.figures_cache import cached_part

register = template.Library()


register.filter("or_hidden", or_hidden)


@register.simple_tag
def hidden_counts_note():
    return PAGE_NOTE


class CountedPartNode(template.Node):
    def __init__(self, nodelist, consultation, name):
        self.nodelist, self.consultation, self.name = nodelist, consultation, name

    def render(self, context):
        consultation = self.consultation.resolve(context)
        return cached_part(consultation.pk, self.name.resolve(context), lambda: self.nodelist.render(context))


@register.tag
def counted_part(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("counted_part needs a consultation and a name")
    nodelist = parser.parse(("endcounted_part",))
    parser.delete_first_token()
    return CountedPartNode(nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]))
