"""address_for_each gives the address reverse() gives, for every number, under any prefix."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix

from portal.addresses import address_for_each


@pytest.mark.parametrize("view_name", ["consultations:vote", "consultations:report", "consultations:detail"])
def test_the_same_address_as_reverse_for_every_number(view_name):
    address = address_for_each(view_name)
    for pk in (1, 7, 42, 987654321, 987654321987654321, 10**17):
        assert address(pk) == reverse(view_name, args=[pk])


@pytest.mark.parametrize("prefix", ["/network/", "/987654321/", "/sites/987654321/portal/"])
def test_the_same_address_under_a_prefix_even_one_that_holds_the_marker(prefix):
    set_script_prefix(prefix)
    try:
        address = address_for_each("consultations:vote")
        for pk in (3, 987654321):
            assert address(pk) == reverse("consultations:vote", args=[pk])
            assert address(pk).startswith(prefix)
    finally:
        clear_script_prefix()
