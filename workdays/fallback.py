"""Rest days fixed by law, for years without a confirmed State Council schedule.

The 全国年节及纪念日放假办法 (revised November 2024, in force 1 January 2025)
fixes the public holidays themselves. They are New Year's Day (1 January),
the Spring Festival (lunar New Year's Eve and the first three days of the
lunar year), Qingming (the day of the solar term), Labour Day (1 and 2 May),
the Dragon Boat Festival (lunar 5/5), Mid-Autumn (lunar 8/15) and National
Day (1 to 3 October). The yearly notice only adds bridge days and adjusted
working weekends, which cannot be predicted, so a fallback year has every
other Monday to Friday as a working day.
"""

import math
from datetime import date, timedelta
from functools import lru_cache

from lunardate import LunarDate

NEW_YEARS_DAY = "元旦"
SPRING_FESTIVAL = "春节"
QINGMING = "清明"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午"
MID_AUTUMN = "中秋"
NATIONAL_DAY = "国庆节"

# The lunardate package (0.3.0) converts lunar years 1900 to 2099 only.
LUNAR_YEARS = range(1900, 2100)

# Beijing time is UTC+8; a solar term belongs to the Beijing calendar day.
_BEIJING_OFFSET_DAYS = 8 / 24
_J2000 = 2451545.0  # Julian day of 2000-01-01 12:00 TT
_J2000_MIDNIGHT_DATE = date(2000, 1, 1)


@lru_cache(maxsize=1024)
def fallback_holidays(year):
    """Return {date: holiday name} for the statutory holidays of ``year``.

    Outside the lunar years the lunardate package converts, only the
    solar-calendar holidays are returned.
    """
    days = {date(year, 1, 1): NEW_YEARS_DAY}
    days[qingming_date(year)] = QINGMING
    days[date(year, 5, 1)] = LABOUR_DAY
    days[date(year, 5, 2)] = LABOUR_DAY
    for day in (1, 2, 3):
        days[date(year, 10, day)] = NATIONAL_DAY

    # NOTE: years outside 1900-2099 get no lunar holidays, because the
    # lunardate package has no tables for them. Deadlines through such
    # years are provisional anyway.
    if year in LUNAR_YEARS:
        new_year = LunarDate(year, 1, 1).to_solar_date()
        for offset in (-1, 0, 1, 2):
            days[new_year + timedelta(days=offset)] = SPRING_FESTIVAL
        days[LunarDate(year, 5, 5).to_solar_date()] = DRAGON_BOAT
        days[LunarDate(year, 8, 15).to_solar_date()] = MID_AUTUMN
    return days


@lru_cache(maxsize=1024)
def qingming_date(year):
    """Return the Beijing date on which the Sun reaches ecliptic longitude 15°.

    Uses the low-accuracy solar position of Meeus, Astronomical Algorithms
    (2nd ed.), chapter 25 (about 0.01°, so some minutes), and ignores ΔT
    (about a minute now). A term within minutes of midnight could land on
    the neighbouring day; tests compare 1900-2100 with chinese-calendar.
    """
    julian_day = _julian_day(date(year, 4, 5))
    for _ in range(6):
        correction = 58 * math.sin(math.radians(15 - _apparent_solar_longitude(julian_day)))
        julian_day += correction
        if abs(correction) < 1e-6:
            break
    days_since_j2000 = julian_day - _J2000 + 0.5 + _BEIJING_OFFSET_DAYS
    return _J2000_MIDNIGHT_DATE + timedelta(days=math.floor(days_since_j2000))


def _julian_day(day):
    """Return the Julian day at 00:00 of ``day``."""
    return _J2000 - 0.5 + (day - _J2000_MIDNIGHT_DATE).days


def _apparent_solar_longitude(julian_day):
    """Return the Sun's apparent ecliptic longitude in degrees (Meeus 25.2-25.8)."""
    t = (julian_day - _J2000) / 36525
    mean_longitude = 280.46646 + 36000.76983 * t + 0.0003032 * t * t
    anomaly = math.radians(357.52911 + 35999.05029 * t - 0.0001537 * t * t)
    centre = (
        (1.914602 - 0.004817 * t - 0.000014 * t * t) * math.sin(anomaly)
        + (0.019993 - 0.000101 * t) * math.sin(2 * anomaly)
        + 0.000289 * math.sin(3 * anomaly)
    )
    node = math.radians(125.04 - 1934.136 * t)
    apparent = mean_longitude + centre - 0.00569 - 0.00478 * math.sin(node)
    return apparent % 360
