"""The benchmark runs and reports its figures (the speed itself is measured by hand)."""

from __future__ import annotations

from bench import rules_engine as benchmark


def test_benchmark_run_reports_both_figures() -> None:
    result = benchmark.run(0.05)
    assert result["evaluations"] > 0
    assert result["per_second"] > 0
    assert result["seconds"] >= 0.05
    assert result["records"] >= 10
    both = result["parse_and_evaluate"]
    assert both["evaluations"] > 0 and both["per_second"] > 0
