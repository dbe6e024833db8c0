"""Fill translations into a .po file and compile its .mo beside it.

Usage:
    python scripts/po_fill.py PO_FILE --missing        list untranslated msgids
    python scripts/po_fill.py PO_FILE < MAP.json       set msgstr from {"msgid": "msgstr"}

Entries marked fuzzy by makemessages are un-fuzzied when given a translation.
The .mo file is written with polib, so GNU gettext is only needed for
makemessages.
"""

import argparse
import json
import sys

import polib


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("po_file")
    parser.add_argument("--missing", action="store_true", help="list untranslated msgids and exit")
    args = parser.parse_args()

    catalogue = polib.pofile(args.po_file)
    if args.missing:
        for entry in catalogue:
            if not is_translated(entry) or "fuzzy" in entry.flags:
                print(json.dumps(entry.msgid, ensure_ascii=False))
        return

    translations = json.load(sys.stdin)
    for entry in catalogue:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
    catalogue.save()
    catalogue.save_as_mofile(args.po_file[: -len(".po")] + ".mo")

    missing = [entry.msgid for entry in catalogue if not is_translated(entry)]
    print(f"{args.po_file}: {len(catalogue) - len(missing)} translated, {len(missing)} missing")


def is_translated(entry):
    # Plural entries keep their translations in msgstr_plural, not msgstr.
    if entry.msgid_plural:
        return all(entry.msgstr_plural.values())
    return bool(entry.msgstr)


if __name__ == "__main__":
    main()
