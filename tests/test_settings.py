"""Configuration files: found like ruff's, checked strictly, overridden by the command line."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cleaner import Config, clean_text
from cleaner.cli import Exit, cli
from cleaner.settings import SettingsError, find, load, to_config

PAGE = "会议召开\n第一段，讲了一件事情，说得很清楚。\n本栏目由绿叶公司冠名播出\n第二段，又讲了一件事情，也说得很清楚。\n渝ICP备19001440号\n"


def cli_run(*args, input=None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


def test_nearest_file_wins_and_pyproject_needs_the_table(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.cleaner]\nsplit-chars = 100\n", encoding="utf-8")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")  # no [tool.cleaner]
    assert find(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "a" / "cleaner.toml").write_text("split-chars = 200\n", encoding="utf-8")
    assert find(deep) == tmp_path / "a" / "cleaner.toml"
    assert load(find(deep))["split-chars"] == 200


def test_rules_and_allow_change_the_decisions(tmp_path):
    (tmp_path / "cleaner.toml").write_text(
        'allow = ["ICP备"]\n[[rules]]\npattern = "^本栏目由.{0,12}冠名"\nreason = "boiler.share"\n', encoding="utf-8"
    )
    config = to_config(load(tmp_path / "cleaner.toml"))
    default = clean_text(PAGE)
    assert "渝ICP备19001440号" not in default.text and "本栏目由绿叶公司冠名播出" in default.text
    result = clean_text(PAGE, config)
    assert "渝ICP备19001440号" in result.text  # allowed: kept whatever the catalogue says
    removed = {d.block.text: (d.reason.value, d.evidence) for d in result.removed}
    assert removed["本栏目由绿叶公司冠名播出"] == ("boiler.share", "custom.1: '本栏目由绿叶公司冠名'")
    assert clean_text(result.text, config).text == result.text


def test_the_command_line_reads_the_file_and_wins_over_it(tmp_path):
    (tmp_path / "cleaner.toml").write_text('disable = ["boiler.copyright"]\n', encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert "ICP备" in cli_run(page).stdout
    assert "ICP备" not in cli_run(page, "--no-config").stdout
    other = tmp_path / "elsewhere.toml"
    other.write_text('disable = ["boiler"]\n', encoding="utf-8")
    assert "ICP备" in cli_run(page, "--no-config", "--config", other).stdout
    both = cli_run(page, "--disable", "dup")  # adds to the file's list
    assert "ICP备" in both.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("split_chars = 3\n", "unknown option 'split_chars'"),
        ("split-chars = '3'\n", "split-chars must be a int, not str"),
        ('disable = ["nope"]\n', "unknown reason code 'nope'"),
        ('allow = ["("]\n', "missing ), unterminated subpattern"),
        ('[[rules]]\nreason = "keep"\npattern = "x"\n', "reason must be a code that removes"),
        ('[[rules]]\npattern = "("\n', "missing ), unterminated subpattern"),
        ("this is not toml\n", "not valid TOML"),
    ],
)
def test_a_bad_file_is_a_usage_error_naming_it(tmp_path, content, message):
    (tmp_path / "cleaner.toml").write_text(content, encoding="utf-8")
    with pytest.raises(SettingsError, match="cleaner.toml"):
        load(tmp_path / "cleaner.toml")
    page = tmp_path / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    result = cli_run(page)
    assert result.exit_code == Exit.USAGE
    assert str(tmp_path / "cleaner.toml") in result.stderr and message in result.stderr


def test_config_fields_default_to_the_documented_values():
    assert to_config({}) == Config()
    assert to_config({"max-lines": 10, "dup-min-tokens": 3}).max_lines == 10


def test_every_catalogue_rule_has_its_own_id_under_its_reason():
    from cleaner.rules import RULES, rule_id

    ids = [rule_id(found) for found in RULES]
    assert len(set(ids)) == len(ids)
    assert all(found.name.split(".")[0] == found.reason.value.split(".")[1] for found in RULES)


def test_one_rule_is_disabled_by_its_full_id_and_the_others_of_its_reason_still_remove(tmp_path):
    page = "第一段，讲了一件事情，说得很清楚。\n渝ICP备19001440号\n第二段，又讲了一件事情，也说得很清楚。\n版权所有 © 2023 某某网\n"
    assert clean_text(page).text.count("\n") == 2
    (tmp_path / "cleaner.toml").write_text('disable = ["boiler.copyright.icp"]\n', encoding="utf-8")
    for given in (["--disable", "boiler.copyright.icp"], ["--config", tmp_path / "cleaner.toml"]):
        result = cli_run("-", *given, input=page)
        assert result.exit_code == Exit.OK
        assert "渝ICP备19001440号" in result.stdout and "版权所有" not in result.stdout
    result = cli_run("-", "--disable", "boiler.copyright.nope", input=page)
    assert result.exit_code == Exit.USAGE and "rule id such as boiler.copyright.icp" in result.stderr
