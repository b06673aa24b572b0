"""The entity linker and the on-disk vector cache, on the tiny graph with a hand-written
embedder (letters counted), so every expectation is exact."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from kb.errors import InputError, NotFound
from kb.linking import EntityLinker
from kb.search import cached_vectors
from kb.store.base import Node
from kb.store.memory import MemoryStore
from tests.conftest import prov, tiny_graph


class Letters:
    """A stand-in embedder: a unit vector of letter counts; counts the texts it encodes."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.encoded += list(texts)
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i, t in enumerate(texts):
            for c in t.lower():
                if c.isalpha():
                    out[i, ord(c) - ord("a")] += 1.0
            out[i] /= max(float(np.linalg.norm(out[i])), 1e-9)
        return out


@pytest.fixture
def linker(tmp_path: Path) -> EntityLinker:
    store = MemoryStore(None)
    tiny_graph(store)
    return EntityLinker(store, Letters(), tmp_path / "vectors")


def test_find_exact_alias_fuzzy_and_errors(linker: EntityLinker) -> None:
    assert [m.id for m in linker.find("Muzaffarpur")] == ["district:bihar:muzaffarpur"]
    assert linker.find("BRLPS")[0].id == "agency:jeevika"  # an alias
    assert linker.find("Muzzaffarpur")[0].id == "district:bihar:muzaffarpur"  # a misspelling
    assert linker.find("state:bihar")[0].score == 100.0  # an id
    with pytest.raises(InputError):
        linker.find("   ")
    with pytest.raises(NotFound) as err:
        linker.one("Atlantis")
    assert err.value.suggestions == linker.suggest("Atlantis")


def test_names_in_running_text(linker: EntityLinker) -> None:
    text = "JEEViKA mobilised women for the High Spirit unit"
    found = {i for m in linker.in_text(text) for i in m.ids}
    assert {"agency:jeevika", "enterprise:high-spirit"} <= found
    assert {m.type for m in linker.in_text(text)} == {"Agency", "Enterprise"}
    # the longest name wins: the cluster, not the district inside its name
    found = {tuple(m.ids) for m in linker.in_text("the Muzaffarpur bag cluster grew")}
    assert found == {("cluster:muzaffarpur-bag-cluster",)}


def test_by_meaning_uses_cached_name_vectors(tmp_path: Path, linker: EntityLinker) -> None:
    assert [n.id for n, _ in linker.by_meaning("Muzaffarpur bag cluster", 0.9)] == [
        "cluster:muzaffarpur-bag-cluster"
    ]
    assert linker.by_meaning("zzzz", 0.9) == []
    assert (tmp_path / "vectors" / "names.npz").exists()
    # A second linker (another process) reuses the names' vectors: only the query is encoded.
    again = EntityLinker(linker.store, Letters(), tmp_path / "vectors")
    again.by_meaning("Muzaffarpur bag cluster", 0.9)
    assert again.embedder.encoded == ["Muzaffarpur bag cluster"]  # type: ignore[union-attr]


def test_vector_cache_is_keyed_by_content(tmp_path: Path) -> None:
    path = tmp_path / "v.npz"
    first = Letters()
    v1, n1 = cached_vectors(first, ["abc", "xyz"], path)
    assert n1 == 2 and v1.shape == (2, 384)
    second = Letters()
    v2, n2 = cached_vectors(second, ["xyz", "abd"], path)  # one known, one changed
    assert n2 == 1 and second.encoded == ["abd"]
    assert np.allclose(v2[0], v1[1])
    path.write_bytes(b"not a zip")  # a damaged cache is rebuilt, not trusted
    v3, n3 = cached_vectors(Letters(), ["abc"], path)
    assert n3 == 1 and np.allclose(v3[0], v1[0])


def test_a_seed_file_is_read_only_for_its_model_and_only_for_what_it_holds(
    tmp_path: Path,
) -> None:
    from kb.search import write_seed

    seed, path = tmp_path / "seed.npz", tmp_path / "cache" / "v.npz"
    write_seed(seed, Letters(), ["abc", "xyz", "abc"], model="letters-1")

    class Model(Letters):
        def __init__(self, model_id: str) -> None:
            super().__init__()
            self.model_id = model_id

    same = Model("letters-1")
    v, n = cached_vectors(same, ["xyz", "abd"], path, seed=seed)
    assert n == 1 and same.encoded == ["abd"]  # "xyz" from the seed, "abd" not in it
    assert np.allclose(v, Letters().encode(["xyz", "abd"]))
    again = Model("letters-1")  # the cache file now holds both: the seed is not needed
    cached_vectors(again, ["xyz", "abd"], path, seed=seed)
    assert again.encoded == []
    other = Model("letters-2")  # another model's vectors are never read
    v, n = cached_vectors(other, ["abc"], tmp_path / "other.npz", seed=seed)
    assert n == 1 and other.encoded == ["abc"]
    plain = Letters()  # an embedder that does not say its model reads no seed
    cached_vectors(plain, ["abc"], tmp_path / "plain.npz", seed=seed)
    assert plain.encoded == ["abc"]


def test_a_cluster_is_found_by_its_place_and_product(tmp_path: Path) -> None:
    """ "the Balussery coir project" names the Balussery Coir Cluster (place and product); a
    generic cluster name alone ("Coir Cluster") is not found as written."""
    store = MemoryStore(None)
    store.upsert_nodes(
        [
            Node("cluster:kerala:balussery-coir-cluster", "Cluster", "Balussery Coir Cluster",
                 {"place": "Balussery", "product": "Coir"}, [], [prov()]),
            Node("cluster:kozhikode:coir-cluster", "Cluster", "Coir Cluster",
                 {"place": "Kozhikode", "product": "Coir"}, [], [prov()]),
        ]
    )  # fmt: skip
    linker = EntityLinker(store, Letters(), tmp_path / "vectors")
    found = linker.in_text("Which body is the nodal agency for the Balussery coir project?")
    assert {i for m in found for i in m.ids} == {"cluster:kerala:balussery-coir-cluster"}
    found = linker.in_text("Who runs the Kozhikode coir CFC?")
    assert {i for m in found for i in m.ids} == {"cluster:kozhikode:coir-cluster"}
    assert not linker.in_text("Who runs the coir CFC?")


def test_a_name_written_with_a_possessive_is_found(linker: EntityLinker) -> None:
    # news writes places and bodies in the possessive ("Bihar's first", "JEEViKA’s didis")
    found = {
        i for m in linker.in_text("Bihar's first bag unit hired JEEViKA’s didis") for i in m.ids
    }
    assert {"state:bihar", "agency:jeevika"} <= found
    (m,) = [m for m in linker.in_text("Muzaffarpur's outskirts") if m.type == "District"]
    assert "Muzaffarpur's outskirts"[m.start : m.end] == "Muzaffarpur"  # the name, not its 's


def test_a_district_spelled_another_way_is_found_before_the_word_district() -> None:
    from kb.linking import Gazetteer

    g = Gazetteer([
        Node("district:thiruvallur", "District", "Thiruvallur"),
        Node("district:kanchipuram", "District", "Kanchipuram"),
    ])  # fmt: skip

    def found(text: str) -> list[tuple[str, str]]:
        return [(m.name, text[m.start : m.end]) for m in g.find(text)]

    assert found("a centre in Tiruvallur district, where") == [("Thiruvallur", "Tiruvallur")]
    assert found("Kancheepuram District has") == [("Kanchipuram", "Kancheepuram")]
    # not without the word "district", nor a lower-case word
    assert found("a centre in Tiruvallur, where") == []
    assert found("the tiruvallur district") == []


def test_a_schemes_name_with_its_kind_in_the_plural_is_the_scheme() -> None:
    from kb.linking import Gazetteer

    g = Gazetteer([
        Node("scheme:ihds", "Scheme", "Integrated Handloom Development Scheme"),
        Node("agency:dc", "Agency", "Development Commissioner"),
    ])  # fmt: skip

    def found(text: str) -> list[tuple[str, str]]:
        return [(m.name, text[m.start : m.end]) for m in g.find(text)]

    assert found("under the scheme of Integrated Handloom Development Schemes sponsored by") == [
        ("Integrated Handloom Development Scheme", "Integrated Handloom Development Schemes")
    ]
    # only a scheme's kind word: another body's name in the plural is no mention of it
    assert found("the Development Commissioners met") == []
