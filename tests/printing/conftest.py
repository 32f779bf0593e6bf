"""Render each sample document once per test run and read it back."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from app.printing import PAPERS, render
from tests.printing import samples
from tests.printing.pdftools import RenderedPdf


@pytest.fixture(scope="session")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., RenderedPdf]:
    """``rendered(code, paper, **variant)``: the sample PDF, made once."""
    folder = tmp_path_factory.mktemp("printed")
    cache: dict[tuple, RenderedPdf] = {}

    def get(code: str, paper: str, **variant: object) -> RenderedPdf:
        key = (code, paper, tuple(sorted(variant.items())))
        if key not in cache:
            data = samples.BUILDERS[code](**variant)
            suffix = "-".join(f"{k}{v}" for k, v in sorted(variant.items()))
            path = folder / f"{code}-{paper}{'-' + suffix if suffix else ''}.pdf"
            path.write_bytes(render(data, paper))
            spec = PAPERS[paper]
            header = spec.top_margin + spec.small_size * 2.2
            footer = spec.bottom_margin + spec.small_size * 2.2
            cache[key] = RenderedPdf(Path(path), furniture=(header, footer))
        return cache[key]

    return get
