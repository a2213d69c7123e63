"""The check that the built site shows no raw Sphinx roles (run by make docs) finds them."""

from __future__ import annotations

from pathlib import Path

from tests.docs_rendered import main, raw_roles


def test_a_raw_role_is_found_and_a_rendered_link_is_not(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        "<p>See :class:<code>TokenSession</code> and :meth:`call`.</p>", encoding="utf-8"
    )
    (tmp_path / "b.html").write_text(
        '<p>See <a href="#mailru_sdk.sessions.TokenSession"><code>TokenSession</code></a></p>',
        encoding="utf-8",
    )
    assert raw_roles(tmp_path) == {"a/index.html": 2}
    assert main([str(tmp_path)]) == 1
    (tmp_path / "a" / "index.html").unlink()
    assert main([str(tmp_path)]) == 0
