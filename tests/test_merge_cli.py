"""`normalizer merge`: files in, stories out, exit codes, summary table, state errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from merge_corpus import STRIKE, SUMMIT, everything
from normalizer.cli import cli


def write_articles(path, articles, extra_lines=()):
    lines = [json.dumps(a.to_dict(), ensure_ascii=False) for a in articles] + list(extra_lines)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_stories(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_merge_writes_one_story_per_line_and_exits_0(tmp_path):
    source = write_articles(tmp_path / "articles.jsonl", everything())
    result = CliRunner().invoke(cli, ["merge", str(source), "-o", str(tmp_path / "s.jsonl")])
    assert result.exit_code == 0, result.output
    stories = read_stories(tmp_path / "s.jsonl")
    assert [s["size"] for s in stories] == [4, 2, 1]
    assert stories[0]["article_ids"] == sorted(a.id for a in STRIKE)


def test_several_input_files_are_merged_together(tmp_path):
    first = write_articles(tmp_path / "a.jsonl", STRIKE[:2])
    second = write_articles(tmp_path / "b.jsonl", STRIKE[2:] + SUMMIT)
    result = CliRunner().invoke(cli, ["merge", str(first), str(second),
                                      "-o", str(tmp_path / "s.jsonl")])
    assert result.exit_code == 0
    assert [s["size"] for s in read_stories(tmp_path / "s.jsonl")] == [4, 2]


def test_a_broken_line_becomes_an_unmerged_story_and_exit_code_1(tmp_path):
    source = write_articles(tmp_path / "articles.jsonl", STRIKE, ["{not json"])
    result = CliRunner().invoke(cli, ["merge", str(source), "-o", str(tmp_path / "s.jsonl")])
    assert result.exit_code == 1
    unmerged = [s for s in read_stories(tmp_path / "s.jsonl") if s["unmerged"]]
    assert len(unmerged) == 1
    assert unmerged[0]["unmerged"].startswith("failed at read: not valid JSON")


def test_summary_table_lists_sizes_languages_entities_and_headlines(tmp_path):
    source = write_articles(tmp_path / "articles.jsonl", everything())
    result = CliRunner().invoke(cli, ["merge", str(source), "-o", str(tmp_path / "s.jsonl"),
                                      "--summary"])
    table = result.stderr
    assert "size" in table and "languages" in table and "headline" in table
    assert "de en fr nl" in table
    assert "Antwerp dockers walk out" in table
    assert "3 stories from 7 articles (0 unmerged)" in table


def test_no_summary_when_stderr_is_not_a_terminal(tmp_path):
    source = write_articles(tmp_path / "articles.jsonl", STRIKE)
    result = CliRunner().invoke(cli, ["merge", str(source), "-o", str(tmp_path / "s.jsonl")])
    assert result.stderr == ""


def test_state_grows_across_runs(tmp_path):
    state = tmp_path / "stories.db"
    runner = CliRunner()
    runner.invoke(cli, ["merge", str(write_articles(tmp_path / "1.jsonl", STRIKE[:2])),
                        "-o", str(tmp_path / "s.jsonl"), "--state", str(state)])
    result = runner.invoke(cli, ["merge", str(write_articles(tmp_path / "2.jsonl", STRIKE[2:])),
                                 "-o", str(tmp_path / "s.jsonl"), "--state", str(state)])
    assert result.exit_code == 0
    assert read_stories(tmp_path / "s.jsonl")[0]["size"] == len(STRIKE)


def test_corrupt_state_is_a_usage_error_without_traceback_and_left_as_is(run_cli, tmp_path):
    source = write_articles(tmp_path / "articles.jsonl", STRIKE)
    state = tmp_path / "stories.db"
    state.write_text("not sqlite at all", encoding="utf-8")
    result = run_cli("merge", str(source), "-o", str(tmp_path / "s.jsonl"), "--state", str(state))
    assert result.returncode == 2
    assert b"not a story state" in result.stderr and b"Traceback" not in result.stderr
    assert state.read_text(encoding="utf-8") == "not sqlite at all"
    assert not (tmp_path / "s.jsonl").exists()


def test_missing_input_is_a_usage_error(tmp_path):
    result = CliRunner().invoke(cli, ["merge", str(tmp_path / "nope.jsonl"), "-o", "-"])
    assert result.exit_code == 2
    assert "input not found" in result.stderr


def test_outlets_option_adds_countries_and_leans(tmp_path):
    source = write_articles(tmp_path / "articles.jsonl", STRIKE)
    outlets = tmp_path / "outlets.csv"
    outlets.write_text("domain,name,country,lean\nlequai.example,Le Quai,FR,left\n")
    result = CliRunner().invoke(cli, ["merge", str(source), "-o", str(tmp_path / "s.jsonl"),
                                      "--outlets", str(outlets)])
    assert result.exit_code == 0
    story = read_stories(tmp_path / "s.jsonl")[0]
    assert story["countries"] == {"unknown": 3, "FR": 1}
    assert story["leans"] == {"unknown": 3, "left": 1}


def test_help_shows_an_example():
    result = CliRunner().invoke(cli, ["merge", "--help"])
    assert "normalizer merge articles.jsonl -o stories.jsonl" in result.output
