#!/usr/bin/env python3
"""Writes Sources/DisclosureStore/Resources/jieba/dict.txt: jieba's dictionary (MIT), trimmed to
the words of frequency >= 5 so the file stays under 2 MB, plus the terms of this project's domain
(synonyms and topics of the migrations, the outcomes' words, the function words), each with the
frequency jieba's suggest_freq gives so that it comes out whole.

Run from the repository with Debian's python3-jieba installed (or jieba from PyPI):
    python3 Tools/jieba-dict.py
The search only reads the file it writes; jieba is never run at query time."""
import glob, re, sys
import jieba

MIN_FREQ = 5
OUT = "Sources/DisclosureStore/Resources/jieba/dict.txt"

# The outcomes (Disposition) and the procedure, in the words a query uses.
PROCEDURE = """予以公开 部分公开 不予公开 无法提供 不予处理 其他处理 国家秘密 三安全一稳定 第三方合法权益
内部事务信息 过程性信息 行政执法案卷 行政查询事项 另行制作 补正 补正告知书 信访举报投诉 重复申请 公开出版物
逾期不补正 收费通知 缴纳费用 信息处理费 政府信息公开 依申请公开 答复期限 延长答复期限 告知书 答复书
申请人 第三方""".split()

def domain_terms():
    terms = []
    # Every migration that adds synonym pairs (0009, 0023 …), so that each side comes out whole.
    for path in sorted(glob.glob("Schema/*_synonyms*.sql")):
        synonyms = open(path, encoding="utf-8").read()
        for a, b in re.findall(r"\('([^']+)', '([^']+)'\)", synonyms):
            terms += [a, b]
    library = open("Schema/0008_library.sql", encoding="utf-8").read()
    terms += re.findall(r"\('([^']+)', \d+\)", library)
    function_words = open("Sources/DisclosureCore/Search/FunctionWords.swift", encoding="utf-8").read()
    body = function_words[function_words.index("Set<String> = ["):function_words.index("]\n")]
    terms += re.findall(r'"([^"]+)"', body)
    return [t for t in dict.fromkeys(terms + PROCEDURE) if len(t) > 1]

def main():
    jieba.initialize()
    dt = jieba.dt
    full_total = dt.total
    before = dict(dt.FREQ)
    terms = set(domain_terms())
    for term in sorted(terms):
        old, new = dt.FREQ.get(term, 0), dt.suggest_freq(term)
        if new > old:
            dt.add_word(term, new)
            dt.total -= old  # add_word adds the whole frequency to the total, even for a known word
    for term in sorted(terms, key=lambda t: before.get(t, 0) - dt.FREQ[t])[:8]:
        print("largest addition: %s %d -> %d" % (term, before.get(term, 0), dt.FREQ[term]), file=sys.stderr)
    words = sorted((w, f) for w, f in dt.FREQ.items() if (f >= MIN_FREQ or (w in terms and f > 0)) and " " not in w)
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("# jieba 0.42.1 dict.txt (MIT licence, see LICENSE beside this file), words of frequency >= %d\n" % MIN_FREQ)
        out.write("# plus this project's terms; written by Tools/jieba-dict.py. The total is the whole dictionary's.\n")
        out.write("# total %d\n" % dt.total)
        for w, f in words:
            out.write("%s %d\n" % (w, f))
    print("%d words, total %d (jieba's own %d)" % (len(words), dt.total, full_total), file=sys.stderr)

main()
