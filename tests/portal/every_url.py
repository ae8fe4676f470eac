"""Every URL pattern the project serves, read from the resolver, and a concrete path for each.

Used by the URL x role matrix (test_url_matrix.py). Nothing here is a list of URLs: the patterns
come from `get_resolver()`, so a URL added by the portal, Wagtail, allauth or Django (through an
app, a hook or an include) shows up here without anyone writing it down.
"""

import re
from dataclasses import dataclass, field

from django.urls import Resolver404, URLPattern, URLResolver, get_resolver, resolve
from django.urls.resolvers import RegexPattern, RoutePattern

# <converter:name> or <name> in a route
ROUTE_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


@dataclass(frozen=True)
class Parameter:
    """One value a path needs: a converter's (`id`, `int`, `slug`...) or a regex group's."""

    name: str  # a regex group without a name is numbered from 1 within its own part
    kind: str  # the converter's name, or "regex:" and the group's regex


@dataclass
class UrlPattern:
    key: str  # what the matrix's table calls it
    name: str | None  # "namespace:name", or None for an unnamed pattern
    route: str  # the patterns joined, as Django's ResolverMatch.route gives it
    parts: tuple  # the pattern of each level, from the root URLconf down
    callback: object  # the view
    parameters: tuple[Parameter, ...] = field(default=())

    def path(self, values):
        """The path with each parameter filled from `values` (by parameter name)."""
        missing = [p.name for p in self.parameters if p.name not in values]
        if missing:
            raise KeyError(f"{self.key}: no value for {', '.join(missing)}")
        return "/" + "".join(_fill(part, values) for part in self.parts)

    def answers(self, path):
        """True when this pattern, and not one before it, is the one that answers `path`."""
        try:
            match = resolve(path)
        except Resolver404:
            return False
        return match.func is self.callback and match.route == self.route


def every_url_pattern(resolver=None):
    """Every URLPattern under the root resolver, depth first, in the order Django tries them."""
    found = list(_walk(resolver or get_resolver(), parts=(), namespace=None))
    counts = {}
    for pattern in found:
        counts[pattern.name] = counts.get(pattern.name, 0) + 1
    for pattern in found:
        # A name given to two routes (Wagtail does this) is told apart by its route.
        if pattern.name is None or counts[pattern.name] > 1:
            pattern.key = f"{pattern.name or ''} [{pattern.route}]".strip()
    return found


def _walk(resolver, parts, namespace):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from _walk(entry, (*parts, entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            all_parts = (*parts, entry.pattern)
            route = ""
            for part in all_parts:
                route = URLResolver._join_route(route, str(part))
            yield UrlPattern(
                key=name or "",
                name=name,
                route=route,
                parts=all_parts,
                callback=entry.callback,
                parameters=tuple(p for part in all_parts for p in _parameters(part)),
            )


def _parameters(part):
    if isinstance(part, RoutePattern):
        return [Parameter(m["name"], m["converter"] or "str") for m in ROUTE_PARAMETER.finditer(part._route)]
    if isinstance(part, RegexPattern):
        return [Parameter(name, f"regex:{body}") for name, body, _start, _end in _regex_groups(part._regex)]
    return []


def _fill(part, values):
    if isinstance(part, RoutePattern):
        return ROUTE_PARAMETER.sub(lambda m: str(values[m["name"]]), part._route)
    regex = part._regex
    filled, last = [], 0
    for name, _body, start, end in _regex_groups(regex):
        filled += [regex[last:start], str(values[name])]
        last = end
    filled.append(regex[last:])
    text = "".join(filled).removeprefix("^").removesuffix("$")
    # What is left is literal text with escapes (`\.`). A bare `.*` is left as it is: such a
    # pattern (a catch-all) is given its whole path by the matrix instead.
    return re.sub(r"\\(.)", r"\1", text)


def _regex_groups(regex):
    """(name, body, start, end) of each outermost capturing group in a regex."""
    groups, depth, start, number, escaped, in_class = [], 0, 0, 0, False, False
    for index, char in enumerate(regex):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            if depth == 0:
                start = index
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                text = regex[start : index + 1]
                named = re.match(r"\(\?P<(\w+)>", text)
                if named:
                    groups.append((named[1], text[named.end() : -1], start, index + 1))
                elif not text.startswith("(?"):
                    number += 1
                    groups.append((str(number), text[1:-1], start, index + 1))
    return groups
