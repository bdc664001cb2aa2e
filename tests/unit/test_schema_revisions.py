from __future__ import annotations

from crm_desktop.store.schema import REVISIONS, script_directory


def test_revision_list_matches_the_migration_scripts() -> None:
    script = script_directory()
    chain = [rev.revision for rev in script.walk_revisions()]
    assert tuple(reversed(chain)) == REVISIONS
    assert script.get_current_head() == REVISIONS[-1]
