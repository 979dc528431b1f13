"""The render stage writes the same bytes whether its jobs run in two processes (the default with enough
plans and cores: each takes the next job nobody has taken) or one after the other."""

from __future__ import annotations

import os

from build_tools.render import pages


def tree(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


def test_jobs_rendered_in_parallel_equal_those_rendered_in_turn(seed_plans, tmp_path, monkeypatch):
    plans = [plan.model_copy(update={"id": f"{plan.id}-{copy}"})
             for copy in range(pages.PARALLEL_THRESHOLD // len(seed_plans) + 1) for plan in seed_plans.values()]
    assert len(plans) >= pages.PARALLEL_THRESHOLD
    log = tmp_path / "jobs.log"
    real_run = pages.run_job

    def run_job(job, *args):  # which process ran which job (the forked worker inherits the patch)
        with log.open("a") as stream:
            stream.write(f"{os.getpid()} {job}\n")
        return real_run(job, *args)

    monkeypatch.setattr(pages, "run_job", run_job)
    pages.render_site_content(plans, tmp_path / "parallel", workers=2)
    ran = [line.split() for line in log.read_text().splitlines()]
    log.unlink()
    pages.render_site_content(plans, tmp_path / "serial", workers=1)
    # every job ran once; in parallel, both processes took some
    assert sorted(job for _, job in ran) == sorted(pages.JOBS) and len({pid for pid, _ in ran}) == 2
    assert sorted(line.split()[1] for line in log.read_text().splitlines()) == sorted(pages.JOBS)
    parallel, serial = tree(tmp_path / "parallel"), tree(tmp_path / "serial")
    assert len(parallel) > 2 * len(plans)  # both editions and the downloads were written
    assert parallel.keys() == serial.keys()
    assert [name for name in parallel if parallel[name] != serial[name]] == []
