"""The build cache (build_tools/cache.py): an unchanged source is not read or parsed again; a change of the
file, of the code or of the taxonomy that parses it makes a new entry; a damaged entry is made again."""

from __future__ import annotations

import pytest

from build_tools import cache, pipeline
from build_tools.paths import SOURCES
from build_tools.pipeline import parse_files, source_files


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE", tmp_path / "cache")
    return tmp_path / "cache"


def seed(tmp_path, name="000_2b8445057e662679.txt"):
    copy = tmp_path / "sources" / name
    copy.parent.mkdir(exist_ok=True)
    copy.write_bytes((SOURCES / name).read_bytes())
    return copy


def test_a_cached_source_is_not_parsed_again(tmp_path, cache_dir, monkeypatch):
    path = seed(tmp_path)
    first = parse_files([path], use_cache=True)
    assert first.errors == [] and len(cache.entries("parse")) == 1
    assert len(cache.entries("ingest")) == 1

    def broken(*args, **kwargs):
        raise RuntimeError("the parser ran")

    monkeypatch.setattr(pipeline, "parse_document", broken)
    again = parse_files([path], use_cache=True)  # from the cache: the broken parser is never called
    assert again.errors == [] and [p.model_dump() for p in again.plans] == [p.model_dump() for p in first.plans]
    uncached = parse_files([path], use_cache=False)
    assert uncached.plans == [] and "the parser ran" in uncached.errors[0]


def test_a_changed_file_is_parsed_again(tmp_path, cache_dir):
    path = seed(tmp_path)
    parse_files([path], use_cache=True)
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # one more (empty) line
    parse_files([path], use_cache=True)
    # new bytes, a new key: the file is parsed again (the old bytes' entry is kept, for a revert)
    assert len(cache.entries("parse")) == 2


def test_an_entry_of_older_code_is_replaced(tmp_path, cache_dir, monkeypatch):
    path = seed(tmp_path)
    parse_files([path], use_cache=True)
    monkeypatch.setattr(cache, "fingerprint", lambda stage, root=None: "0" * 16)  # as if the parser changed
    parse_files([path], use_cache=True)
    # the older code's folder is gone: one folder, the new code's, holding one entry
    assert [folder.name for folder in (cache_dir / "parse").iterdir()] == ["0" * 16]
    assert len(list((cache_dir / "parse" / ("0" * 16)).iterdir())) == 1


def test_a_damaged_entry_is_made_again(tmp_path, cache_dir):
    path = seed(tmp_path)
    first = parse_files([path], use_cache=True)
    for entry in cache.entries("parse"):
        entry.write_bytes(b"not a pickle")
    again = parse_files([path], use_cache=True)
    assert again.errors == [] and again.plans[0].model_dump() == first.plans[0].model_dump()


def test_the_fingerprint_follows_the_stages_inputs(tmp_path):
    root = tmp_path / "repo"
    for relative in ("build_tools/ingest/a.py", "build_tools/parse/b.py", "data/taxonomy/t.yml", "build_tools/render/r.py"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("x = 1\n")
    for relative in ("build_tools/errors.py", "build_tools/models.py", "build_tools/pipeline.py", "build_tools/search/extract.py",
                     "build_tools/translate/catalog.py", "build_tools/translate/update.py", "build_tools/search/tokens.py",
                     "build_tools/search/index.py", "build_tools/search/postings.py", "build_tools/translate/lookup.py"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text("\n")
    (root / "build_tools/link").mkdir()
    (root / "build_tools/translate").mkdir(exist_ok=True)
    before = {stage: cache.fingerprint.__wrapped__(stage, root) for stage in cache.STAGE_INPUTS}
    (root / "data/taxonomy/t.yml").write_text("x: 2\n")  # the taxonomy changes parsing, not ingest
    after = {stage: cache.fingerprint.__wrapped__(stage, root) for stage in cache.STAGE_INPUTS}
    assert after["ingest"] == before["ingest"] and after["parse"] != before["parse"] and after["link"] != before["link"]
    assert after["yaml"] == before["yaml"] and after["search"] == before["search"]
    (root / "build_tools/search/extract.py").write_text("y = 1\n")  # what a page's search entries are
    assert cache.fingerprint.__wrapped__("search", root) != before["search"]
    assert cache.fingerprint.__wrapped__("search-postings", root) != before["search-postings"]  # and their postings
    after["search"] = cache.fingerprint.__wrapped__("search", root)
    assert cache.fingerprint.__wrapped__("search-group", root) != before["search-group"]  # and their groups' postings
    after["search-postings"] = cache.fingerprint.__wrapped__("search-postings", root)
    after["search-group"] = cache.fingerprint.__wrapped__("search-group", root)
    (root / "build_tools/render/r.py").write_text("x = 3\n")  # rendering changes only the render stage's entries
    again = {stage: cache.fingerprint.__wrapped__(stage, root) for stage in cache.STAGE_INPUTS}
    assert again.pop("render") != after.pop("render") and again == after
    rendered = cache.fingerprint.__wrapped__("render", root)
    (root / "build_tools/render/page.md.j2").write_text("{{ x }}\n")  # so does a template (not only .py files count)
    assert cache.fingerprint.__wrapped__("render", root) != rendered


def test_many_sources_parse_in_parallel_to_the_same_plans(tmp_path, monkeypatch):
    paths = [seed(tmp_path, path.name) for path in source_files(SOURCES)]
    copies = []
    for number in range(pipeline.POOL_THRESHOLD):  # enough files for the pool
        for path in paths[:1]:
            copy = path.with_name(f"copy{number:02d}_{path.name}")
            copy.write_bytes(path.read_bytes())
            copies.append(copy)
    monkeypatch.setenv("PLANSITE_JOBS", "2")
    parallel = pipeline.parse_sources(copies, use_cache=False)
    monkeypatch.setenv("PLANSITE_JOBS", "1")
    serial = pipeline.parse_sources(copies, use_cache=False)
    assert [p[1].model_dump() for p in parallel] == [p[1].model_dump() for p in serial]


def test_linking_and_the_yaml_come_from_the_cache_with_the_same_result(tmp_path, cache_dir, monkeypatch):
    path = seed(tmp_path)
    first = parse_files([path], use_cache=True)
    assert len(cache.entries("link")) == 1
    monkeypatch.setenv("PLANSITE_CACHE", "on")
    text = pipeline.cached_plan_yaml(first.plans[0])
    assert text == pipeline.plan_yaml(first.plans[0]) and len(cache.entries("yaml")) == 1

    def broken(*args, **kwargs):
        raise RuntimeError("ran again")

    monkeypatch.setattr(pipeline, "link_plan", broken)
    monkeypatch.setattr(pipeline, "plan_yaml", broken)
    again = parse_files([path], use_cache=True)  # neither linking nor the YAML runs again
    assert again.plans[0].model_dump() == first.plans[0].model_dump()
    assert pipeline.cached_plan_yaml(again.plans[0]) == text
    monkeypatch.setenv("PLANSITE_CACHE", "off")
    with pytest.raises(RuntimeError):
        pipeline.cached_plan_yaml(again.plans[0])


def test_a_file_read_is_kept_by_its_bytes_one_entry_per_file(cache_dir, monkeypatch):
    monkeypatch.setenv("PLANSITE_CACHE", "on")
    made = []

    def make(value):
        made.append(value)
        return value

    assert cache.by_content("catalog", "en/a.po", b"one", lambda: make(1)) == 1
    assert cache.by_content("catalog", "en/a.po", b"one", lambda: make(2)) == 1  # the same bytes: from the cache
    assert cache.by_content("catalog", "en/a.po", b"two", lambda: make(3)) == 3  # edited: read again
    assert cache.by_content("catalog", "en/b.po", b"two", lambda: make(4)) == 4  # another file
    assert made == [1, 3, 4]
    assert len(cache.entries("catalog")) == 2  # the edit replaced a.po's entry
    monkeypatch.setenv("PLANSITE_CACHE", "off")
    assert cache.by_content("catalog", "en/a.po", b"two", lambda: make(5)) == 5 and made[-1] == 5


def test_committed_plans_and_catalogs_read_from_the_cache_equal_those_read_afresh(tmp_path, cache_dir, monkeypatch):
    from build_tools.cli import load_committed_plans
    from build_tools.paths import PLANS, TRANSLATIONS
    from build_tools.translate.update import load_catalogs

    fresh, errors = load_committed_plans(PLANS)
    catalogs = {k: [(m.id, m.string, m.flags, m.auto_comments) for m in c] for k, c in load_catalogs("en", TRANSLATIONS).items()}
    monkeypatch.setenv("PLANSITE_CACHE", "on")
    for _ in range(2):  # cold, then warm
        cached, again = load_committed_plans(PLANS)
        assert errors == again == [] and cached == fresh
        assert {k: [(m.id, m.string, m.flags, m.auto_comments) for m in c] for k, c in load_catalogs("en", TRANSLATIONS).items()} == catalogs
    assert len(cache.entries("plan-file")) == len(fresh)


def test_catalogs_updated_with_the_cache_equal_those_updated_without(tmp_path, cache_dir, monkeypatch):
    import shutil

    from build_tools.cli import load_committed_plans
    from build_tools.paths import PLANS, TRANSLATIONS
    from build_tools.translate.update import update_translations
    from tests.test_render_incremental import changed_plan

    plans, _ = load_committed_plans(PLANS)
    plans = sorted(plans, key=lambda p: p.id)

    def both(plans, edit=None):
        """update_translations with a warm cache and without one, each on its own copy of the catalogs."""
        results = []
        for switch, folder in (("on", tmp_path / "warm"), ("off", tmp_path / "cold")):
            if not folder.exists():
                shutil.copytree(TRANSLATIONS, folder)
            if edit:
                edit(folder)
            monkeypatch.setenv("PLANSITE_CACHE", switch)
            results.append((update_translations(plans, folder), {p.name: p.read_bytes() for p in sorted(folder.rglob("*.po"))}))
        return results

    def retranslate(folder):  # a translator's edit: the memory changes for every plan
        path = folder / "en" / f"{plans[1].id}.po"
        text = path.read_text(encoding="utf-8")
        line = next(line for line in text.splitlines() if line.startswith('msgstr "') and len(line) > 12)
        path.write_text(text.replace(line, line[:-1] + ' (revised)"', 1), encoding="utf-8")

    for edited, edit in ((plans, None), (plans, None), ([changed_plan(plans[0])] + plans[1:], None), (plans, retranslate)):
        warm, cold = both(edited, edit)
        assert warm == cold
    assert any(b"(revised)" in data for data in warm[1].values())


def test_catalogs_merged_on_two_processes_equal_those_merged_in_one(tmp_path, cache_dir, monkeypatch):
    """Enough catalogs to merge are merged by forked workers (translate/update.py merged_catalogs): the same
    bytes as in one process, with the cache and without, and each merge recorded for the next build."""
    import shutil

    from build_tools.cli import load_committed_plans
    from build_tools.paths import PLANS, TRANSLATIONS
    from build_tools.translate import update

    plans, _ = load_committed_plans(PLANS)
    copies = [plan.model_copy(update={"id": f"{plan.id}-{n}"}) for n in range(pipeline.POOL_THRESHOLD // len(plans) + 1) for plan in plans]
    assert len(copies) >= pipeline.POOL_THRESHOLD
    import os

    log = tmp_path / "merges.log"
    real_merge = update.merge_one

    def merge_one(*args):  # which process merged (the forked workers inherit the patch)
        with log.open("a") as stream:
            stream.write(f"{os.getpid()}\n")
        return real_merge(*args)

    monkeypatch.setattr(update, "merge_one", merge_one)
    results = {}
    for switch in ("off", "on"):
        for workers in ("2", "1"):
            folder = tmp_path / f"{switch}-{workers}"
            shutil.copytree(TRANSLATIONS, folder)
            monkeypatch.setenv("PLANSITE_CACHE", switch)
            monkeypatch.setenv("PLANSITE_JOBS", workers)
            log.write_text("")
            out = update.update_translations(copies, folder)
            merged_by = log.read_text().split()
            assert len(merged_by) == len(copies)
            # with two jobs, every catalog merged by the workers, none here; with one, all here
            assert (str(os.getpid()) not in merged_by) if workers == "2" else (set(merged_by) == {str(os.getpid())})
            results[switch, workers] = (out, {p.name: p.read_bytes() for p in sorted(folder.rglob("*.po"))})
    assert len({repr(value) for value in results.values()}) == 1
    assert len(results["on", "1"][1]) >= len(copies)
    # the merges made are recorded: the next build merges none
    monkeypatch.setattr(update, "merged_catalogs", lambda missing, *args: [] if not missing else pytest.fail(f"{len(missing)} merged again"))
    update.update_translations(copies, tmp_path / "on-2")


def test_a_rebuild_reads_each_sources_head_and_linked_plan_not_its_document(tmp_path, cache_dir, monkeypatch):
    paths = [seed(tmp_path, path.name) for path in source_files(SOURCES)]
    first = parse_files(paths, use_cache=True)
    assert first.errors == [] and len(cache.entries("parse-head")) == len(paths)
    first_plans = first.plans
    real_load = cache.load
    read = []

    def load(stage, key, cache_path=None):
        read.append(stage)
        return real_load(stage, key, cache_path)

    monkeypatch.setattr(cache, "load", load)
    again = parse_files(paths, use_cache=True)
    assert [p.model_dump() for p in again.plans] == [p.model_dump() for p in first_plans]
    # the seeds hold two copies of one plan: only those two documents are read, to merge them again, and
    # every source's text (the ingest entry), which the merge weighs a copy's replacements against
    merged = [p for p in first_plans if len(p.sources) > 1]
    assert len(merged) == 1 and read.count("parse") == len(merged[0].sources) and read.count("ingest") == len(paths)
    assert read.count("parse-head") == len(paths) and read.count("plan") == len(first_plans) - 1
    # the texts `plansite check` accounts for are read when asked, and are the sources' texts
    name = merged[0].sources[0].file
    assert again.texts[name] == first.texts[name] == (tmp_path / "sources" / name).read_text(encoding="utf-8")
    assert read.count("ingest") == len(paths) + 1


def test_an_unusable_sources_error_is_reported_from_its_head(tmp_path, cache_dir, monkeypatch):
    path = tmp_path / "sources" / "no_title.txt"
    path.parent.mkdir()
    path.write_text("一、总体要求\n推进绿色低碳发展。\n", encoding="utf-8")
    first = parse_files([path], use_cache=True)
    assert first.plans == [] and len(first.errors) == 1 and "no_title.txt" in first.errors[0]

    def broken(*args, **kwargs):
        raise RuntimeError("the parser ran")

    monkeypatch.setattr(pipeline, "parse_document", broken)
    again = parse_files([path], use_cache=True)  # still reported on every build, without parsing it again
    assert again.errors == first.errors
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # changed bytes: parsed again
    assert "the parser ran" in parse_files([path], use_cache=True).errors[0]


def test_workers_link_and_send_heads_only_with_the_same_plans(tmp_path, cache_dir, monkeypatch):
    paths = []
    for number in range(pipeline.POOL_THRESHOLD):  # enough files for the pool: distinct plans (one place each)
        text = (SOURCES / "000_2b8445057e662679.txt").read_text(encoding="utf-8")
        path = tmp_path / "sources" / f"copy{number:02d}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text.replace("宝坻区", f"宝坻{number}区") if number else text, encoding="utf-8")
        paths.append(path)
    monkeypatch.setenv("PLANSITE_JOBS", "2")
    pooled = parse_files(paths, use_cache=True)  # cold: the workers parse, link and store; main reads entries
    assert len(pooled.plans) == len(paths) == len(cache.entries("plan")) == len(cache.entries("parse-head"))
    again = parse_files(paths, use_cache=True)  # warm: heads and linked plans only
    monkeypatch.setenv("PLANSITE_JOBS", "1")
    serial = parse_files(paths, use_cache=False)
    assert pooled.errors == again.errors == serial.errors
    assert [p.model_dump() for p in pooled.plans] == [p.model_dump() for p in again.plans] == [p.model_dump() for p in serial.plans]


def test_a_parse_rebuild_loads_and_writes_only_the_plans_whose_sources_changed(tmp_path, cache_dir, monkeypatch):
    """`plansite parse` on a warm cache: an unchanged plan is known by its YAML's digest (pipeline.PlanEntry),
    so its linked plan is not loaded and its file not read again; one edited source loads and writes its own
    plan only; a plan file edited by hand is written again (its time is not the one recorded)."""
    import os
    import shutil

    import yaml

    from build_tools.cli import main
    from build_tools.paths import PLANS, TRANSLATIONS

    monkeypatch.setenv("PLANSITE_CACHE", "on")
    sources = tmp_path / "sources"
    for path in source_files(SOURCES):
        seed(tmp_path, path.name)
    plans, translations = tmp_path / "plans", tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, translations)
    arguments = ["parse", "--sources", str(sources), "--plans", str(plans), "--translations", str(translations)]
    assert main(arguments) == 0
    committed = {path.name: path.read_bytes() for path in sorted(plans.glob("*.yml"))}
    assert committed == {path.name: path.read_bytes() for path in sorted(PLANS.glob("*.yml"))}
    files = {name: [source["file"] for source in yaml.safe_load(data)["sources"]] for name, data in committed.items()}

    real_load = cache.load
    loaded, opened = [], []

    def load(stage, key, cache_path=None):  # the entries found (a miss is a plan made now)
        found = real_load(stage, key, cache_path)
        if found is not None:
            loaded.append(stage)
        return found

    real_read = pipeline.Path.read_text

    def read_text(self, *args, **kwargs):
        if self.parent == plans:
            opened.append(self.name)
        return real_read(self, *args, **kwargs)

    monkeypatch.setattr(cache, "load", load)
    monkeypatch.setattr(pipeline.Path, "read_text", read_text)
    times = {path.name: path.stat().st_mtime_ns for path in plans.glob("*.yml")}
    assert main(arguments) == 0
    # the merged seed plan is made again from its two documents (its YAML is what was recorded); no other
    # plan is loaded, and no plan file is read
    merged = [name for name, of in files.items() if len(of) > 1]
    assert len(merged) == 1 and loaded.count("plan") == 0 and opened == []
    assert {path.name: path.stat().st_mtime_ns for path in plans.glob("*.yml")} == times

    single = next(p for p in sorted(sources.iterdir()) if p.name.startswith("000_"))
    name = next(n for n, of in files.items() if of == [single.name])
    text = single.read_text(encoding="utf-8")
    line = next(line for line in text.split("\n") if len(line) > 40 and line.endswith("。"))
    single.write_text(text.replace(line, line[:-1] + "，并定期评估实施情况。", 1), encoding="utf-8")
    (plans / merged[0]).write_bytes(committed[merged[0]] + b"# edited by hand\n")
    os.utime(plans / merged[0], ns=(times[merged[0]], times[merged[0]]))  # same time, other size
    loaded.clear(), opened.clear()
    assert main(arguments) == 0
    assert loaded.count("plan") == 1 and sorted(opened) == sorted([name] + merged)
    assert "并定期评估实施情况" in (plans / name).read_text(encoding="utf-8")
    assert (plans / merged[0]).read_bytes() == committed[merged[0]]
    changed = {n for n, data in committed.items() if (plans / n).read_bytes() != data}
    assert changed == {name}
    # its catalog was merged and written: a translated paragraph became fuzzy, so the translation memory
    # changed and the next build merges every catalog again; the one after merges none (a merge of its own
    # output is itself: recorded when written, translate/update.py)
    from build_tools.translate import update

    merges = []
    real_merge = update.merged_catalog
    monkeypatch.setattr(update, "merged_catalog", lambda *args: merges.append(args[0].id) or real_merge(*args))
    assert main(arguments) == 0
    assert len(merges) == len(committed)
    catalogs = {path.name: path.read_bytes() for path in (translations / "en").glob("*.po")}
    merges.clear()
    assert main(arguments) == 0
    assert merges == [] and {path.name: path.read_bytes() for path in (translations / "en").glob("*.po")} == catalogs


def test_catalogs_written_by_a_build_are_not_merged_again_by_the_next(tmp_path, cache_dir, monkeypatch):
    """A first build writes every plan's new catalog; the next build, with nothing changed, merges none of
    them (the merge of a catalog just written is recorded as itself) and writes the same bytes."""
    from build_tools.cli import main
    from build_tools.translate import update

    monkeypatch.setenv("PLANSITE_CACHE", "on")
    for path in source_files(SOURCES):
        seed(tmp_path, path.name)
    translations = tmp_path / "translations"
    arguments = ["parse", "--sources", str(tmp_path / "sources"), "--plans", str(tmp_path / "plans"), "--translations", str(translations)]
    merges = []
    real_merge = update.merged_catalog
    monkeypatch.setattr(update, "merged_catalog", lambda *args: merges.append(args[0].id) or real_merge(*args))
    assert main(arguments) == 0
    written = {path.name: path.read_bytes() for path in (translations / "en").glob("*.po")}
    assert len(merges) == len(written) == 4
    merges.clear()
    assert main(arguments) == 0
    assert merges == [] and {path.name: path.read_bytes() for path in (translations / "en").glob("*.po")} == written


def test_the_collector_is_paused_while_loading_and_left_as_it_was():
    import gc

    assert gc.isenabled()
    with cache.collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    try:
        with cache.collector_paused():
            pass
        assert not gc.isenabled()  # a caller that had paused it finds it paused
    finally:
        gc.enable()
    with pytest.raises(ValueError):
        with cache.collector_paused():
            raise ValueError("a file that cannot be read")
    assert gc.isenabled()


def test_the_plans_a_parse_writes_are_read_back_by_the_render_stage_without_their_yaml(tmp_path, cache_dir, monkeypatch):
    """A plan file written by the parse stage is recorded as what reading it gives (pipeline.write_plans),
    so `plansite render` after `plansite parse` loads no YAML; what it gets equals the plans read afresh
    from the files (the canonical YAML loads to an equal plan), and a file edited since is read again."""
    import pickle

    import yaml

    from build_tools.cli import load_committed_plans, main
    from build_tools.paths import TRANSLATIONS

    monkeypatch.setenv("PLANSITE_CACHE", "on")
    for path in source_files(SOURCES):
        seed(tmp_path, path.name)
    plans = tmp_path / "plans"
    translations = tmp_path / "translations"
    import shutil

    shutil.copytree(TRANSLATIONS, translations)
    assert main(["parse", "--sources", str(tmp_path / "sources"), "--plans", str(plans), "--translations", str(translations)]) == 0
    names = sorted(path.name for path in plans.glob("*.yml"))
    loads = []
    real_load = yaml.load
    monkeypatch.setattr(yaml, "load", lambda *args, **kwargs: loads.append(1) or real_load(*args, **kwargs))
    cached, errors = load_committed_plans(plans)
    assert errors == [] and loads == [] and len(cached) == len(names) >= 4
    monkeypatch.setenv("PLANSITE_CACHE", "off")
    fresh, _ = load_committed_plans(plans)
    assert len(loads) == len(names)
    assert cached == fresh and [p.model_dump_json() for p in cached] == [p.model_dump_json() for p in fresh]
    # a plan's segment index (a memo keyed by id()) is not pickled: the same bytes before and after it is made
    plan = fresh[0]
    before = pickle.dumps(plan, protocol=cache.PICKLE_PROTOCOL)
    plan.segment(plan.sections[0].id)
    assert plan._index is not None and pickle.dumps(plan, protocol=cache.PICKLE_PROTOCOL) == before
    monkeypatch.setenv("PLANSITE_CACHE", "on")
    edited = plans / names[0]
    edited.write_text(edited.read_text(encoding="utf-8").replace(fresh[0].title, fresh[0].title + "（修订）", 1), encoding="utf-8")
    loads.clear()
    again, _ = load_committed_plans(plans)
    assert len(loads) == 1 and again[0].title == fresh[0].title + "（修订）" and again[1:] == fresh[1:]
