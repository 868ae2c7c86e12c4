"""Shared helpers for reader tests: English sample text long enough to be judged."""

from __future__ import annotations

import pytest

from eventscope.readers import Article, Skipped

ENGLISH = (
    "Police fired tear gas at hundreds of protesters in Nairobi on Tuesday after they "
    "tried to march to parliament, witnesses said. At least three people were injured "
    "and twenty were arrested, according to a police spokesman."
)
FRENCH = (
    "La police a dispersé mardi à Nairobi des centaines de manifestants qui tentaient "
    "de marcher vers le parlement, selon des témoins. Au moins trois personnes ont été "
    "blessées et vingt arrêtées, a indiqué un porte-parole de la police."
)
ARABIC = (
    "أطلقت الشرطة الغاز المسيل للدموع على مئات المتظاهرين في نيروبي يوم الثلاثاء "
    "بعد أن حاولوا السير إلى البرلمان"
)


def split(results: list[Article | Skipped]) -> tuple[list[Article], list[Skipped]]:
    """Separate articles from skipped inputs, keeping order."""
    articles = [item for item in results if isinstance(item, Article)]
    skipped = [item for item in results if isinstance(item, Skipped)]
    assert len(articles) + len(skipped) == len(results)
    return articles, skipped


@pytest.fixture
def english() -> str:
    """A paragraph the language check must accept."""
    return ENGLISH
