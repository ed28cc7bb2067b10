"""Country names written with a former name in brackets, as UCDP's GED writes them."""

from __future__ import annotations

import pytest

from mapgen.util.countries import country_code


@pytest.mark.parametrize(("written", "code"), [("DR Congo (Zaire)", "CD"), ("Yemen (North Yemen)", "YE"),
                                               ("Russia (Soviet Union)", "RU"), ("Zimbabwe (Rhodesia)", "ZW"),
                                               ("Cambodia (Kampuchea)", "KH"), ("Myanmar (Burma)", "MM")])
def test_a_country_with_its_former_name_in_brackets_is_read(written, code):
    assert country_code(written) == code


def test_brackets_naming_no_country_read_nothing():
    assert country_code("Atlantis (Lost City)") is None
