"""Generous but finite limits on every text and list, so that one small file cannot make a huge
site. Set from what real promises need (the published Robertsfors promises, measured): the
longest title is 66 characters, the longest text under 600, and no activity has more than three
partners or places. Each limit leaves room for several times that.
"""

from __future__ import annotations

LINE_CHARACTERS = 200  # a title, a name, a summary: one line
LIST_ITEM_CHARACTERS = 100  # a partner or a place
URL_CHARACTERS = 500
MARKDOWN_CHARACTERS = 5_000  # a description or a follow-up text (klarspråk warns at 1 500)

# Items in one list.
LIST_ITEMS = {
    "underlag": 20,
    "kanaler": 20,
    "samarbetspartner": 20,
    "årtal": 11,  # a period is at most eleven years
    "orter": 30,
    "aktiviteter": 100,
    "länkar": 20,
    "uppföljningar": 100,
    "mätvärden": 20,
    "delar att dölja": 6,
}
DEFAULT_LIST_ITEMS = 50

FILES_PER_FOLDER = 100  # focus areas, activity files, indicators, follow-up files of a year
MUNICIPALITIES = 400  # Sweden has 290
PERIODS_PER_MUNICIPALITY = 30
