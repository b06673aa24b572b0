"""The role a body has by its name (ingest.relations.named_after): a body named after a cluster
of the document — its place or first word and its product — is its association, its SPV or
the producers' own body that runs it."""

from ingest.relations import named_after
from ingest.units import Entity


def _cluster(name: str) -> Entity:
    return Entity("cluster:x", "Cluster", name, 0, 0, places=["district:andhra-pradesh:kadapa"])


def _body(name: str, kind: str = "Agency", role: str | None = None) -> Entity:
    return Entity("agency:x", kind, name, 0, 0, role)


def test_the_producers_own_society_named_after_the_cluster_runs_it() -> None:
    role = named_after(
        _body("Onipenta Brass Artisans Development Society"), _cluster("Onipenta Brass Cluster")
    )
    assert role is not None and (role.role, role.relation) == ("collective", "IMPLEMENTS")


def test_an_association_and_an_spv_keep_their_roles() -> None:
    cluster = _cluster("Onipenta Brass Cluster")
    association = named_after(_body("Onipenta Brass Makers Association"), cluster)
    assert association is not None and association.role == "association"
    spv = named_after(_body("Onipenta Brass CFC Private Limited", "Enterprise"), cluster)
    assert spv is not None and spv.role == "SPV"


def test_a_society_of_another_trade_or_place_is_not_the_clusters() -> None:
    cluster = _cluster("Onipenta Brass Cluster")
    assert named_after(_body("Onipenta Weavers Cooperative Society"), cluster) is None
    assert named_after(_body("Nellore Brass Artisans Society"), cluster) is None


def test_a_company_holding_all_the_clusters_words_is_its_spv() -> None:
    cluster = _cluster("Onipenta Brass Cluster")
    company = named_after(_body("Onipenta Brass Heritage Private Ltd", "Enterprise"), cluster)
    assert company is not None and company.role == "SPV"
    # a firm of the place making something else is not
    assert named_after(_body("Onipenta Rice Mills Private Ltd", "Enterprise"), cluster) is None
