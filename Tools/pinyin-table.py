#!/usr/bin/env python3
"""Writes Sources/DisclosureStore/Resources/pinyin/pinyin.txt: the toneless readings of every
character the search pairs up (U+3400-U+9FFF), most common first, and the reading of each word of
the search dictionary (Resources/jieba/dict.txt) whose characters' first readings would spell it
wrongly (银行 yin hang, not yin xing): polyphones are read by word, not by character (issue 15).

From pypinyin (MIT licence, https://github.com/mozillazg/python-pinyin), which is only needed to
write the file:
    python3 -m venv /tmp/pv && /tmp/pv/bin/pip install pypinyin==0.55.0
    /tmp/pv/bin/python Tools/pinyin-table.py
The search reads only the file this writes."""
import sys
import pypinyin
from pypinyin import lazy_pinyin, Style
from pypinyin.pinyin_dict import pinyin_dict

OUT = "Sources/DisclosureStore/Resources/pinyin/pinyin.txt"
DICT = "Sources/DisclosureStore/Resources/jieba/dict.txt"

def readings(code):
    # Toneless, ü written v (lv, nv), as it is typed.
    seen = []
    for r in pinyin_dict[code].split(","):
        s = pypinyin.style.convert(r, Style.NORMAL, strict=False).replace("ü", "v")
        if s and s not in seen:
            seen.append(s)
    return seen

def main():
    chars = {}
    for code in sorted(pinyin_dict):
        if 0x3400 <= code <= 0x9FFF:
            rs = readings(code)
            if rs:
                chars[chr(code)] = rs
    words = []
    for line in open(DICT, encoding="utf-8"):
        if line.startswith("#"):
            continue
        word = line.split(" ")[0]
        if len(word) < 2 or any(c not in chars for c in word):
            continue
        spoken = [s.replace("ü", "v") for s in lazy_pinyin(word, style=Style.NORMAL, v_to_u=False)]
        if len(spoken) == len(word) and spoken != [chars[c][0] for c in word]:
            words.append((word, spoken))
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# Toneless pinyin, written by Tools/pinyin-table.py from pypinyin %s (MIT licence, see LICENSE beside this file).\n" % pypinyin.__version__)
        out.write("# c CHARACTER READING... (most common first); w WORD SYLLABLE... (a word its characters' first readings misspell).\n")
        for c, rs in chars.items():
            out.write("c %s %s\n" % (c, " ".join(rs)))
        for w, s in words:
            out.write("w %s %s\n" % (w, " ".join(s)))
    print("%d characters, %d words read by word" % (len(chars), len(words)), file=sys.stderr)

main()
