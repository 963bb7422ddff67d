"""Notes on plain objects: titles, bodies, tags, search text, cursors, entries and ideas."""
from datetime import datetime, timedelta, timezone
from uuid import uuid4

import pytest

from domain.errors import InvalidInput
from domain.notes import (ENTRY_KEY, IDEA_KEY, SEARCH_KEY, Idea, InfobaseEntry, check_after, check_text,
                          clean_tag, clean_tags, clean_title, search_text)
from domain.paging import PageRequest

NOW = datetime(2026, 2, 1, 8, 0, tzinfo=timezone.utc)
LATER = NOW + timedelta(hours=1)


def field_of(error: pytest.ExceptionInfo) -> list[str]:
    return list(error.value.details["fields"])


def test_a_title_is_trimmed():
    assert clean_title("  Notes on Rust  ") == "Notes on Rust"


@pytest.mark.parametrize("title", ["", "   ", "x" * 201, "a\x00b", "a\ud800b", None, 5])
def test_a_title_outside_the_rules_is_invalid(title):
    with pytest.raises(InvalidInput) as error:
        clean_title(title)
    assert field_of(error) == ["title"]


@pytest.mark.parametrize("title", ["x", "x" * 200, " " * 300 + "x" * 200])
def test_titles_of_1_to_200_characters_are_fine(title):
    assert 1 <= len(clean_title(title)) <= 200


def test_text_may_be_empty_or_20000_characters_but_not_more():
    assert check_text("content", "") == "" and len(check_text("content", "y" * 20_000)) == 20_000
    with pytest.raises(InvalidInput) as error:
        check_text("content", "y" * 20_001)
    assert field_of(error) == ["content"]


def test_tags_are_trimmed_lower_cased_and_merged_in_first_seen_order():
    assert clean_tags([" Rust ", "python", "RUST", "web dev"]) == ["rust", "python", "web dev"]


def test_twenty_tags_are_fine_and_twenty_one_are_too_many():
    assert len(clean_tags([f"t{n}" for n in range(20)])) == 20
    with pytest.raises(InvalidInput) as error:
        clean_tags([f"t{n}" for n in range(21)])
    assert field_of(error) == ["tags"]


def test_the_limit_counts_tags_as_given_before_duplicates_merge():
    assert clean_tags(["same"] * 20) == ["same"]
    with pytest.raises(InvalidInput):
        clean_tags(["same"] * 21)


@pytest.mark.parametrize("tag", ["", "  ", "x" * 51, "a\x00"])
def test_a_tag_outside_the_rules_is_invalid(tag):
    with pytest.raises(InvalidInput) as error:
        clean_tags(["ok", tag])
    assert field_of(error) == ["tags"]
    with pytest.raises(InvalidInput):
        clean_tag(tag)


def test_a_blank_search_is_no_search_and_a_search_is_trimmed():
    assert (search_text(None), search_text(""), search_text("   "), search_text(" run ")) == (None, None, None, "run")


@pytest.mark.parametrize("q", ["x" * 501, "nul\x00byte"])
def test_a_search_too_long_or_with_nul_is_invalid(q):
    with pytest.raises(InvalidInput) as error:
        search_text(q)
    assert field_of(error) == ["q"]


@pytest.mark.parametrize("after,shape", [
    ((NOW, uuid4()), ENTRY_KEY), ((0, uuid4()), SEARCH_KEY), ((2**63 - 1, uuid4()), SEARCH_KEY),
    ((1, NOW, uuid4()), IDEA_KEY), (None, IDEA_KEY)])
def test_cursors_of_the_lists_own_shape_pass(after, shape):
    check_after(PageRequest(after=after), shape)


@pytest.mark.parametrize("after,shape", [
    ((uuid4(), NOW), ENTRY_KEY), ((NOW.replace(tzinfo=None), uuid4()), ENTRY_KEY), ((-1, uuid4()), SEARCH_KEY),
    ((2**63, uuid4()), SEARCH_KEY), ((NOW, uuid4()), SEARCH_KEY), ((1, NOW), IDEA_KEY),
    ((2, NOW, uuid4()), IDEA_KEY)])
def test_other_cursors_are_invalid(after, shape):
    with pytest.raises(InvalidInput) as error:
        check_after(PageRequest(after=after), shape)
    assert field_of(error) == ["cursor"]


def test_a_new_entry_is_cleaned_and_stamped():
    entry = InfobaseEntry.create(uuid4(), title=" Rust ", content="Ownership", tags=["Lang", "lang"], now=NOW)
    assert (entry.title, entry.content, entry.tags, entry.created_at, entry.updated_at) == \
        ("Rust", "Ownership", ["lang"], NOW, NOW)
    assert entry.sort_key == (NOW, entry.id)


def test_editing_an_entry_changes_only_what_is_given_and_moves_updated_at():
    entry = InfobaseEntry.create(uuid4(), title="Rust", content="Ownership", now=NOW)
    entry.edit({"content": "Borrowing", "tags": ["X"]}, LATER)
    assert (entry.title, entry.content, entry.tags, entry.created_at, entry.updated_at) == \
        ("Rust", "Borrowing", ["x"], NOW, LATER)


def test_an_edit_that_changes_nothing_keeps_updated_at():
    entry = InfobaseEntry.create(uuid4(), title="Rust", content="Ownership", now=NOW)
    entry.edit({"title": " Rust ", "content": "Ownership"}, LATER)
    assert entry.updated_at == NOW


def test_an_invalid_edit_changes_nothing_at_all():
    entry = InfobaseEntry.create(uuid4(), title="Rust", now=NOW)
    with pytest.raises(InvalidInput):
        entry.edit({"content": "new", "title": ""}, LATER)
    assert (entry.title, entry.content, entry.updated_at) == ("Rust", "", NOW)


def test_a_new_idea_is_unpinned_without_a_body_by_default():
    idea = Idea.create(uuid4(), title="App", now=NOW)
    assert (idea.body, idea.tags, idea.pinned, idea.created_at) == (None, [], False, NOW)
    assert idea.sort_key == (0, NOW, idea.id)


def test_a_pinned_idea_sorts_above_newer_unpinned_ones():
    pinned = Idea.create(uuid4(), title="Old", pinned=True, now=NOW)
    newer = Idea.create(uuid4(), title="New", now=LATER)
    assert pinned.sort_key > newer.sort_key


def test_an_idea_can_be_pinned_unpinned_and_lose_its_body():
    idea = Idea.create(uuid4(), title="App", body="Details", now=NOW)
    idea.edit({"pinned": True, "body": None}, LATER)
    assert (idea.pinned, idea.body, idea.updated_at) == (True, None, LATER)


@pytest.mark.parametrize("changes,field", [({"pinned": "yes"}, "pinned"), ({"body": "b" * 20_001}, "body"),
                                           ({"title": "t" * 201}, "title"), ({"tags": ["x" * 51]}, "tags")])
def test_an_invalid_idea_edit_names_its_field(changes, field):
    idea = Idea.create(uuid4(), title="App", now=NOW)
    with pytest.raises(InvalidInput) as error:
        idea.edit(changes, LATER)
    assert field_of(error) == [field]
