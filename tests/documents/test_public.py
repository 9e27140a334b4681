"""What the public may see: one definition, the same in the database and on a loaded document."""

import itertools

import pytest

from gongkai.documents.models import Attribute, Document, Status, public_q
from gongkai.interpretation.models import Interpretation

from .factories import draft


@pytest.mark.django_db
def test_queryset_and_property_agree_for_every_state(officer, township):
    made = {}
    for status, attribute in itertools.product(Status.values, Attribute.values):
        doc = draft(officer, township, title=f"{status} {attribute}")
        Document.objects.filter(pk=doc.pk).update(status=status, attribute=attribute)
        made[(status, attribute)] = doc.pk
    public = set(Document.objects.public().values_list("pk", flat=True))
    assert public == {made[(Status.PUBLISHED, Attribute.PROACTIVE)]}
    for doc in Document.objects.filter(pk__in=made.values()):
        assert doc.is_public is (doc.pk in public)


@pytest.mark.django_db
def test_related_lookups_use_the_same_condition(officer, township):
    doc = draft(officer, township)
    Interpretation.objects.create(document=doc)
    assert not Interpretation.objects.filter(public_q("document__")).exists()
    Document.objects.filter(pk=doc.pk).update(status=Status.PUBLISHED)
    assert Interpretation.objects.filter(public_q("document__")).exists()
    Document.objects.filter(pk=doc.pk).update(attribute=Attribute.ON_REQUEST)
    assert not Interpretation.objects.filter(public_q("document__")).exists()
