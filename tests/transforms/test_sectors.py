"""Sector labels → Trade Point's vocabulary: whole words unless a stem, so no accidental prefixes."""

from __future__ import annotations

import pytest

from transforms.sectors import sectors_for


@pytest.mark.parametrize(("label", "sectors"), [
    ("Medical Eq.", ["healthcare_medical"]),
    ("Food & Beverage", ["agriculture_food"]),
    ("Oil & Gas", ["energy_environment"]),
    ("Wind Energy", ["energy_environment"]),
    ("Architectural/Constr./Engineering SVC", ["industrial_machinery", "construction_building"]),
    ("Homeland Security", ["aerospace_defence"]),
    ("Gastronomy", []),  # not "gas"
    ("Windows and Doors", []),  # not "wind"
    ("Powerful Marketing", []),  # not "power"
    ("Trade Fair", []),
])
def test_labels_map_to_the_vocabulary(label: str, sectors: list[str]) -> None:
    assert sectors_for(label) == sectors
