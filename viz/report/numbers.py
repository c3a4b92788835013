"""Number formatting for the report: Dutch (1.234,5; € 700.000) or English
(1,234.5; EUR 700,000). Minus signs are the typographic minus (U+2212)."""

from __future__ import annotations

import math

MINUS = "\u2212"
DASH = "\u2013"


def _finite(x) -> bool:
    try:
        return x is not None and math.isfinite(float(x))
    except (TypeError, ValueError):
        return False


def number(x: float, decimals: int = 1, lang: str = "nl", sign: bool = False) -> str:
    """``1234.5`` -> '1.234,5' (nl) or '1,234.5' (en); '+' before positive values
    with ``sign``; '-' for a missing value."""
    if not _finite(x):
        return "-"
    x = float(x)
    if round(x, decimals) == 0:
        x = 0.0
    text = f"{abs(x):,.{decimals}f}"
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    if x < 0:
        return MINUS + text
    return ("+" + text) if sign and x > 0 else text


def eur(x: float, lang: str = "nl", decimals: int = 0) -> str:
    """'€ 700.000' (nl) or 'EUR 700,000' (en)."""
    if not _finite(x):
        return "-"
    body = number(x, decimals, lang)
    return f"€ {body}" if lang == "nl" else f"EUR {body}"


def percent(share: float, decimals: int = 1, lang: str = "nl") -> str:
    """A share (0.123) as '12,3%' / '12.3%'."""
    if not _finite(share):
        return "-"
    return number(100.0 * float(share), decimals, lang) + "%"


def interval(low: float, high: float, decimals: int = 1, lang: str = "nl") -> str:
    """'[−2,0; −0,4]' (nl: a semicolon, as the comma is the decimal mark) or
    '[−2.0, −0.4]' (en)."""
    if not (_finite(low) and _finite(high)):
        return ""
    sep = "; " if lang == "nl" else ", "
    return f"[{number(low, decimals, lang)}{sep}{number(high, decimals, lang)}]"


def with_interval(
    mean: float, low: float, high: float, decimals: int = 1, lang: str = "nl", sign: bool = True
) -> str:
    """'−1,2 [−2,0; −0,4]': a mean with its interval (the mean alone only when no
    interval can be computed, e.g. with one replicate)."""
    text = number(mean, decimals, lang, sign=sign)
    band = interval(low, high, decimals, lang)
    return f"{text} {band}" if band else text


def integer(x: float, lang: str = "nl") -> str:
    return number(x, 0, lang)
