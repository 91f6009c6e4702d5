#!/usr/bin/env python3
"""How well ``--dedup-across`` finds one article on several pages of a run,
and what the stage costs. A benchmark, not a test.

    python bench/dedup_across.py                    # 3000 pages built from ../shared/eval/dev
    python bench/dedup_across.py --docs 300         # a quick look
    python bench/dedup_across.py DEV --args "--templates" --out /dev/shm --repeat 3
    python bench/dedup_across.py --keep DIR         # keep the pages, and DIR.truth.json beside them

The corpus, from one ``random.Random(--seed)``:

1. Each dev page's gold lines are found in its raw lines, in order, compared
   without whitespace or punctuation (inside a line or over a few; a lone
   found line 15 lines from the rest is let go). The raw lines before the
   first found line are the page's head, those after the last its tail, less
   lines that repeat the article. A page with 60% of its gold found and 3
   non-blank lines of furniture is a *site*. Its language is zh when most of
   the gold's letters are Han characters, else en.
2. Articles: the gold of each page with 200 Han characters or 120 words (not
   when it repeats an earlier page's), then synthetic ones of 4-10 paragraphs
   of one language, each from another page (40-500 Han characters, 25-250
   words). Each has a home site of its language, drawn at random.
3. A page is head, blank line, paragraphs (blank lines between them on two
   pages in three), blank line, tail. 40% of the articles get 1-3 copies,
   kinds dealt in turn: syndicated (another site's furniture), rescrape-date
   (head digits changed, a short furniture line put in the article),
   rescrape-edit (5% of the Han characters or letters replaced),
   rescrape-para (a paragraph added, or from 5 paragraphs one removed),
   reflow-wrap (hard-wrapped at 30-40 Han characters or 60-80 columns),
   reflow-punct (full- and half-width punctuation swapped, runs of short head
   lines joined). 5% of the pages quote 1-2 paragraphs of an article among
   3-6 others: an article of their own.
4. Files are ``<8 hex of a seeded hash>-<n>.txt``: sorted order mixes
   originals and copies. The truth stays in this process.

The cleaner runs with ``--dedup-across keep`` and without (``--report`` in
both: the difference is the stage), each in a fresh Python that reads its
own ``RUSAGE_CHILDREN``: wall and CPU time, peak RSS of the largest process.
From the report:

* edges: ``duplicate_of`` is right when it names a page of the same article.
  Precision over flagged pages; recall over pages with an earlier page
  (sorted order) of their article, by kind and language (an original sorted
  after its copy is one); F1.
* clusters: pages joined to their ``duplicate_of``, transitively. The share
  of predicted clusters (2+ pages) of one article, the largest, pairwise
  precision and recall.
* false positives: a quote page and an article it has a paragraph of, two
  pages of one site, other. And the records with ``"too_short": true``
  (not compared).
"""

from __future__ import annotations

import argparse
import bisect
import hashlib
import itertools
import json
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"
SETS = ("zh-news", "zh-cwced", "seeds", "web-articles", "cleaneval", "readability", "en-wcxb")
KINDS = ("syndicated", "rescrape-date", "rescrape-edit", "rescrape-para", "reflow-wrap", "reflow-punct")
COPY_SHARE, QUOTE_SHARE, EDIT_SHARE = 0.40, 0.05, 0.05
ARTICLE_MIN = {"zh": 200, "en": 120}  # Han characters / words
PARAGRAPH = {"zh": (40, 500), "en": (25, 250)}  # a longer one would outweigh a synthetic article's others
FOUND_MIN, FURNITURE_MIN, SPAN_MAX, GAP = 0.6, 3, 6, 15
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
NOT_WORD = re.compile(r"[\W_]+")
SENTENCE = re.compile(r"(?<=[。！？.!?])")
_PUNCT = dict(zip("，。：；！？（）", ",.:;!?()"))
SWAP = str.maketrans({**_PUNCT, **{half: full for full, half in _PUNCT.items()}})
MARK = re.compile(r"[，。：；！？（）]|(?<![A-Za-z0-9])[,.:;!?()]|[,.:;!?()](?![A-Za-z0-9])")  # not 3.5, 10:30, a.com
MEASURE = """import json, resource, subprocess, sys, time
start = time.perf_counter(); code = subprocess.call(sys.argv[2:]); wall = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(json.dumps([code, wall, use.ru_utime + use.ru_stime, use.ru_maxrss]))
"""  # run in a fresh Python: the cleaner's own wall and CPU time, and peak RSS (KB)


def key(text: str) -> str:
    return NOT_WORD.sub("", text).casefold()


def size(text: str, lang: str) -> int:
    return len(HAN.findall(text)) if lang == "zh" else len(text.split())


# --- the dev pages: article and furniture ---------------------------------------------------


@dataclass
class Source:
    name: str
    lang: str
    paras: list[str]
    head: list[str]
    tail: list[str]
    site: bool  # usable as furniture


def locate(raw: list[str], gold: list[str]) -> tuple[int, int, float]:
    """First and last raw line of the article, and the share of gold lines found."""
    keys = [key(line) for line in raw]
    starts = list(itertools.accumulate((len(k) for k in keys), initial=0))
    flat, wanted = "".join(keys), [k for k in map(key, gold) if k]
    hits, at = [], 0
    for k in wanted:
        i = flat.find(k, at)
        first, last = bisect.bisect_right(starts, i) - 1, bisect.bisect_right(starts, i + len(k) - 1) - 1
        if i >= 0 and last - first <= SPAN_MAX:
            hits.append((first, last))
            at = i + len(k)
    for _ in range(max(1, len(hits) // 10)):  # a lone title at the top, a lone line at the bottom
        if len(hits) > 2 and hits[1][0] - hits[0][1] > GAP:
            hits.pop(0)
        if len(hits) > 2 and hits[-1][0] - hits[-2][1] > GAP:
            hits.pop()
    return (hits[0][0], hits[-1][1], len(hits) / len(wanted)) if hits else (0, -1, 0.0)


def read_sources(dev: Path) -> list[Source]:
    sources = []
    for name in SETS:
        for line in (dev / name / "index.jsonl").read_text(encoding="utf-8").splitlines():
            page = json.loads(line)["id"]
            raw = [r.rstrip() for r in (dev / name / f"{page}.txt").read_text(encoding="utf-8", errors="replace").splitlines()]
            paras = [g.strip() for g in (dev / name / f"{page}.gold.txt").read_text(encoding="utf-8").splitlines() if g.strip()]
            if not paras:
                continue
            first, last, found = locate(raw, paras)
            article = key("".join(paras))
            head, tail = ([r for r in part if len(key(r)) < 10 or key(r) not in article] for part in (raw[:first], raw[last + 1 :]))
            site = found >= FOUND_MIN and sum(1 for r in head + tail if r.strip()) >= FURNITURE_MIN
            lang = "zh" if size("".join(paras), "zh") * 2 > sum(c.isalpha() for c in "".join(paras)) else "en"
            sources.append(Source(f"{name}/{page}", lang, paras, head, tail, site))
    return sources


# --- the corpus -----------------------------------------------------------------------------


@dataclass
class Article:
    aid: int
    lang: str
    paras: list[str]
    site: Source
    origin: str  # real, synthetic, quote


@dataclass
class Doc:
    aid: int
    kind: str  # original, a copy kind, quote
    lang: str
    site: str
    text: str


class Builder:
    def __init__(self, sources: list[Source], seed: int):
        self.rng = random.Random(seed)
        self.sites = {lang: [s for s in sources if s.site and s.lang == lang] for lang in ("zh", "en")}
        self.pool: dict[str, dict[str, list[str]]] = {"zh": {}, "en": {}}  # language -> page -> paragraphs
        self.real: list[Source] = []
        seen: set[str] = set()  # sentences and paragraphs, by key
        for s in sources:
            sentences = {k for k in map(key, SENTENCE.split(" ".join(s.paras))) if len(k) >= 20}
            if sentences and len(sentences & seen) * 2 >= len(sentences):
                continue  # the same article as an earlier page (the dev sets hold a few, lorem ipsum among them)
            low, high = PARAGRAPH[s.lang]
            if fit := [p for p in s.paras if low <= size(p, s.lang) <= high and key(p) not in seen]:
                self.pool[s.lang][s.name] = fit
            if size("".join(s.paras), s.lang) >= ARTICLE_MIN[s.lang] and self.sites[s.lang]:
                self.real.append(s)
            seen |= sentences | {key(p) for p in s.paras}
        self.pages = {lang: sorted(pages) for lang, pages in self.pool.items()}
        self.rng.shuffle(self.real)
        self.han = sorted({c for s in sources if s.lang == "zh" for p in s.paras for c in HAN.findall(p)})
        self.ads = {lang: [r.strip() for s in sites for r in s.head + s.tail if 6 <= len(r.strip()) <= 30 and key(r)] for lang, sites in self.sites.items()}
        self.articles: list[Article] = []
        self.deck: list[str] = []

    def article(self) -> Article:
        rng, aid = self.rng, len(self.articles)
        if aid < len(self.real):
            source = self.real[aid]
            art = Article(aid, source.lang, source.paras, rng.choice(self.sites[source.lang]), "real")
        else:
            lang = rng.choices(("zh", "en"), [sum(s.lang == lang for s in self.real) or 1 for lang in ("zh", "en")])[0]
            art = Article(aid, lang, self.draw(lang, rng.randint(4, 10)), rng.choice(self.sites[lang]), "synthetic")
        self.articles.append(art)
        return art

    def draw(self, lang: str, count: int, avoid: list[str] | tuple[str, ...] = ()) -> list[str]:
        """``count`` paragraphs of ``lang``, each from a different page, none of ``avoid``."""
        out: list[str] = []
        used: set[str] = set()
        while len(out) < count:
            page = self.rng.choice(self.pages[lang])
            para = self.rng.choice(self.pool[lang][page])
            if page not in used and para not in avoid:
                used.add(page)
                out.append(para)
        return out

    def page(self, site: Source, paras: list[str], head: list[str] | None = None) -> str:
        body = ("\n\n" if self.rng.random() < 0.65 else "\n").join(paras)
        return "\n".join([*(site.head if head is None else head), "", body, "", *site.tail]) + "\n"

    def original(self, art: Article) -> Doc:
        kind = "quote" if art.origin == "quote" else "original"
        return Doc(art.aid, kind, art.lang, art.site.name, self.page(art.site, art.paras))

    def copy(self, art: Article) -> Doc:
        if not self.deck:
            self.deck = list(KINDS)
            self.rng.shuffle(self.deck)
        kind, rng, paras, site, head = self.deck.pop(), self.rng, list(art.paras), art.site, None
        if kind == "syndicated":
            site = rng.choice([s for s in self.sites[art.lang] if s is not art.site] or [art.site])
        elif kind == "rescrape-date":
            head = [re.sub(r"\d", lambda _: str(rng.randrange(10)), line) for line in site.head]
            paras.insert(rng.randint(1, len(paras)), rng.choice(self.ads[art.lang]))
        elif kind == "rescrape-edit":
            paras = self.edited(paras, art.lang)
        elif kind == "rescrape-para":
            if len(paras) >= 5 and rng.random() < 0.5:
                del paras[rng.randrange(len(paras))]
            else:
                paras.insert(rng.randint(0, len(paras)), self.draw(art.lang, 1, paras)[0])
        elif kind == "reflow-wrap":
            width = rng.randint(30, 40) if art.lang == "zh" else rng.randint(60, 80)
            paras = [wrapped(p, width, art.lang) for p in paras]
        else:  # reflow-punct
            paras, head = [MARK.sub(lambda m: m[0].translate(SWAP), p) for p in paras], joined_menus(site.head)
        return Doc(art.aid, kind, art.lang, site.name, self.page(site, paras, head))

    def edited(self, paras: list[str], lang: str) -> list[str]:
        """EDIT_SHARE of the Han characters (zh) or ASCII letters (en) replaced."""
        text = list("\n".join(paras))
        spots = [i for i, c in enumerate(text) if (HAN.match(c) if lang == "zh" else c.isascii() and c.isalpha())]
        for i in self.rng.sample(spots, round(len(spots) * EDIT_SHARE)):
            if lang == "zh":
                text[i] = self.rng.choice(self.han)
            else:
                letter = self.rng.choice([c for c in "abcdefghijklmnopqrstuvwxyz" if c != text[i].lower()])
                text[i] = letter.upper() if text[i].isupper() else letter
        return "".join(text).split("\n")

    def quote(self) -> Doc:
        quoted = self.rng.choice([a for a in self.articles if a.origin != "quote"])
        long = [p for p in quoted.paras if size(p, quoted.lang) >= PARAGRAPH[quoted.lang][0]] or quoted.paras
        paras = self.draw(quoted.lang, self.rng.randint(3, 6), quoted.paras)
        for p in self.rng.sample(long, min(len(long), self.rng.randint(1, 2))):
            paras.insert(self.rng.randint(0, len(paras)), p)
        art = Article(len(self.articles), quoted.lang, paras, self.rng.choice(self.sites[quoted.lang]), "quote")
        self.articles.append(art)
        return self.original(art)

    def corpus(self, docs: int) -> list[Doc]:
        quotes = round(docs * QUOTE_SHARE)
        out: list[Doc] = []
        while len(out) < docs - quotes:
            art = self.article()
            out.append(self.original(art))
            copies = self.rng.randint(1, 3) if self.rng.random() < COPY_SHARE else 0
            out += [self.copy(art) for _ in range(min(copies, docs - quotes - len(out)))]
        return out + [self.quote() for _ in range(quotes)]


def wrapped(para: str, width: int, lang: str) -> str:
    if lang == "zh":
        return "\n".join(para[i : i + width] for i in range(0, len(para), width))
    return "\n".join(textwrap.wrap(para, width, break_long_words=False, break_on_hyphens=False))


def joined_menus(head: list[str]) -> list[str]:
    """Runs of two or more short lines (blank lines between them aside) as one line."""
    out: list[str] = []
    run: list[str] = []
    for line in [*head, "."]:
        menu = 0 < len(line.strip()) <= 16 and line.strip()[-1] not in "。.!！?？:："
        if menu or (not line.strip() and run):
            run += [line.strip()] if menu else []
            continue
        out += [" ".join(run)] if len(run) > 1 else run
        out.append(line)
        run = []
    return out[:-1]


def name(seed: int, n: int) -> str:
    return f"{hashlib.blake2b(f'{seed}:{n}'.encode(), digest_size=4).hexdigest()}-{n}.txt"


# --- running and scoring --------------------------------------------------------------------


def run(cleaner: str, corpus: Path, work: Path, jobs: int, extra: list[str], dedup: bool) -> dict:
    label = "dedup" if dedup else "base"
    out, report, measured = work / f"out-{label}", work / f"{label}.jsonl", work / f"{label}.time"
    shutil.rmtree(out, ignore_errors=True)
    cmd = [cleaner, "--no-config", "-q", "-j", str(jobs), *extra, *(["--dedup-across", "keep"] if dedup else [])]
    cmd += ["--report", str(report), "-o", str(out), str(corpus)]
    subprocess.run([sys.executable, "-c", MEASURE, str(measured), *cmd], check=True)
    code, wall, cpu, rss = json.loads(measured.read_text())
    if code != 0:
        sys.exit(f"cleaner exited with {code}: {shlex.join(cmd)}")
    return {"wall": wall, "cpu": cpu, "rss_kb": rss, "report": report}


def ratio(a: float, b: float) -> float | None:
    return round(a / b, 4) if b else None


def score(docs: dict[str, Doc], articles: list[Article], report: Path) -> dict:
    records = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines() if line.strip()]
    dup = {Path(r["path"]).name: Path(r["duplicate_of"]["path"]).name for r in records if r.get("duplicate_of")}
    unseen = {Path(r["path"]).name for r in records if r.get("too_short") is True}
    marked = any("too_short" in x for x in records)
    return judged(docs, articles, dup, unseen if marked else None)


def judged(docs: dict[str, Doc], articles: list[Article], dup: dict[str, str], unseen: set[str] | None) -> dict:
    """The scores of ``dup`` (page -> the page it repeats), ``unseen`` the
    pages not compared (None: not known)."""
    seen: set[int] = set()
    later = []  # pages with an earlier page of their article
    for n in sorted(docs):
        if docs[n].aid in seen:
            later.append(n)
        seen.add(docs[n].aid)
    right = {n for n, m in dup.items() if docs[m].aid == docs[n].aid}
    p, r = ratio(len(right), len(dup)), ratio(len(right), len(later))
    by = {}
    for field in ("kind", "lang"):
        total, hits = Counter(getattr(docs[n], field) for n in later), Counter(getattr(docs[n], field) for n in right)
        by[field] = {k: [hits[k], total[k]] for k in sorted(total)}
    wrong = [(n, m) for n, m in sorted(dup.items()) if n not in right]
    def quote(a: Doc, b: Doc) -> bool:  # a quote page and an article it has a paragraph of
        return "quote" in (a.kind, b.kind) and not set(articles[a.aid].paras).isdisjoint(articles[b.aid].paras)
    kinds = Counter("quote" if quote(docs[n], docs[m]) else "same-site" if docs[n].site == docs[m].site else "other" for n, m in wrong)
    return {"flagged": len(dup), "later": len(later), "precision": p, "recall": r, "f1": round(2 * p * r / (p + r), 4) if p and r else None,
            "recall_by": by, "clusters": clusters(docs, dup), "false_positives": dict(kinds), "examples": wrong[:3],
            "not_compared": [len(unseen), len(unseen.intersection(later))] if unseen is not None else None}


def clusters(docs: dict[str, Doc], dup: dict[str, str]) -> dict:
    parent = {n: n for n in docs}
    def root(n: str) -> str:
        while parent[n] != n:
            n = parent[n]
        return n
    for n, m in dup.items():
        parent[root(n)] = root(m)
    groups = defaultdict(list)
    for n in docs:
        groups[root(n)].append(docs[n].aid)
    predicted = [g for g in groups.values() if len(g) > 1]
    pairs = lambda c: c * (c - 1) // 2  # noqa: E731
    inside = sum(pairs(c) for g in predicted for c in Counter(g).values())
    return {"predicted": len(predicted), "precision": ratio(sum(len(set(g)) == 1 for g in predicted), len(predicted)),
            "largest": max(map(len, predicted), default=0), "pair_precision": ratio(inside, sum(pairs(len(g)) for g in predicted)),
            "pair_recall": ratio(inside, sum(pairs(c) for c in Counter(d.aid for d in docs.values()).values()))}


def _sketch(text: str):
    sys.path.insert(0, str(ROOT))
    from cleaner import clean_text, dedup_across

    return dedup_across.sketch(clean_text(text))


def curve(docs: dict[str, Doc], articles: list[Article], thresholds: list[float], jobs: int) -> None:
    """Precision and recall of the stage at each threshold, the pages cleaned
    once here (as the command cleans them) and their articles indexed again
    for each: the curve the default threshold is chosen from."""
    import multiprocessing

    sys.path.insert(0, str(ROOT))
    from cleaner import dedup_across

    names = sorted(docs)
    with multiprocessing.Pool(jobs) as pool:
        sketches = pool.map(_sketch, [docs[n].text for n in names], chunksize=50)
    print(f"{'threshold':>9} {'edge P':>7} {'edge R':>7} {'F1':>6} {'cluster P':>9} {'largest':>7}  recall: syndicated, edited")
    for threshold in thresholds:
        index = dedup_across.Index(threshold)
        dup, unseen = {}, set()
        for n, page in zip(names, sketches):
            if page is None:
                unseen.add(n)
            elif original := index.document(n, page):
                dup[n] = original.path
        s = judged(docs, articles, dup, unseen)
        kinds = s["recall_by"]["kind"]
        kind = lambda k: f"{ratio(*kinds[k]) or 0:.3f}"  # noqa: E731
        print(f"{threshold:9.2f} {s['precision']:7.3f} {s['recall']:7.3f} {s['f1']:6.3f} {s['clusters']['precision']:9.3f} "
              f"{s['clusters']['largest']:7d}  {kind('syndicated')}, {kind('rescrape-edit')}")


def show(summary: dict) -> None:
    c, s, base, ded = summary["corpus"], summary["scores"], summary["base"], summary["dedup"]
    f = lambda x: "-" if x is None else f"{x:.3f}"  # noqa: E731
    print(f"corpus: {c['docs']} pages, {c['articles']} articles ({c['origin']}), pages {c['lang']}, sites {c['sites']}, built in {c['seconds']:.1f} s")
    print("  " + "  ".join(f"{k} {v}" for k, v in c["kinds"].items()))
    print(f"\n{'-j ' + str(summary['jobs']) + ' ' + summary['args']:<22}{'wall s':>8}{'CPU s':>8}{'peak RSS MB':>13}")
    for label, r in (("without the stage", base), ("--dedup-across keep", ded)):
        print(f"{label:<22}{r['wall']:8.2f}{r['cpu']:8.2f}{r['rss_kb'] / 1024:13.1f}")
    dw, dc, dm, docs = ded["wall"] - base["wall"], ded["cpu"] - base["cpu"], ded["rss_kb"] - base["rss_kb"], c["docs"]
    print(f"{'stage':<22}{dw:+8.2f}{dc:+8.2f}{dm / 1024:+13.1f}   a page: {dw / docs * 1e3:+.2f} ms, {dc / docs * 1e3:+.2f} ms CPU, {dm / docs:+.1f} KB")
    print(f"\nedges: precision {f(s['precision'])} ({s['flagged']} flagged), recall {f(s['recall'])} ({s['later']} with an earlier page of their article), F1 {f(s['f1'])}")
    for field, rows in s["recall_by"].items():
        print(f"  recall by {field}: " + "  ".join(f"{k} {f(ratio(h, t))} ({h}/{t})" for k, (h, t) in rows.items()))
    k = s["clusters"]
    print(f"clusters: {k['predicted']} predicted, precision {f(k['precision'])}, largest {k['largest']}; pairs precision {f(k['pair_precision'])}, recall {f(k['pair_recall'])}")
    fp = s["false_positives"]
    print(f"false positives: quote {fp.get('quote', 0)}, same-site {fp.get('same-site', 0)}, other {fp.get('other', 0)}" + "".join(f"\n  {a} -> {b}" for a, b in s["examples"]))
    unseen = s["not_compared"]
    print("not compared (too_short): " + (f"{unseen[0]} pages, {unseen[1]} with an earlier page of their article" if unseen else "no such field"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dev", nargs="?", type=Path, default=DEV, help=f"the dev sets' folder (default {DEV})")
    parser.add_argument("--docs", type=int, default=3000, help="pages in the corpus (default 3000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--jobs", type=int, default=2, help="cleaner -j (default 2)")
    parser.add_argument("--args", default="", help="more cleaner options for both runs, e.g. '--templates'")
    parser.add_argument("--keep", type=Path, help="write the pages here (a new or empty folder) and keep them")
    parser.add_argument("--out", type=Path, help="write the runs' output and reports under this folder (e.g. /dev/shm)")
    parser.add_argument("--repeat", type=int, default=1, help="run each this many times, in turns, and keep the fastest")
    parser.add_argument("--cleaner", default=str(ROOT / ".venv" / "bin" / "cleaner"))
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    parser.add_argument("--curve", metavar="T,T,...", help="instead of running the command, clean here and score each similarity threshold")
    argv = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(argv[:-1]):  # "--args --templates": a value argparse would take for an option
        if arg == "--args":
            argv[i : i + 2] = [f"--args={argv[i + 1]}"]
            break
    args = parser.parse_args(argv)
    if args.keep and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"{args.keep} is not empty")

    started = time.perf_counter()
    builder = Builder(read_sources(args.dev), args.seed)
    docs = {name(args.seed, n): doc for n, doc in enumerate(builder.corpus(args.docs))}
    built = time.perf_counter() - started
    if args.curve:
        curve(docs, builder.articles, [float(t) for t in args.curve.split(",")], args.jobs)
        return 0
    with tempfile.TemporaryDirectory(prefix="dedup-across-", dir=args.out) as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        for n, doc in docs.items():
            (corpus / n).write_text(doc.text, encoding="utf-8")
        if args.keep:
            truth = {n: {"article": d.aid, "kind": d.kind, "lang": d.lang, "site": d.site} for n, d in sorted(docs.items())}
            args.keep.with_name(args.keep.name + ".truth.json").write_text(json.dumps(truth, indent=0), encoding="utf-8")
        runs: dict[bool, dict] = {}
        for _, dedup in itertools.product(range(args.repeat), (False, True)):
            result = run(args.cleaner, corpus, Path(tmp), args.jobs, shlex.split(args.args), dedup)
            if dedup not in runs or result["wall"] < runs[dedup]["wall"]:
                runs[dedup] = result
        scores = score(docs, builder.articles, runs[True].pop("report"))
    runs[False].pop("report")
    summary = {
        "corpus": {"docs": len(docs), "articles": len(builder.articles), "seconds": round(built, 2),
                   "origin": ", ".join(f"{v} {k}" for k, v in sorted(Counter(a.origin for a in builder.articles).items())),
                   "lang": dict(sorted(Counter(d.lang for d in docs.values()).items())),
                   "sites": {lang: len(s) for lang, s in builder.sites.items()},
                   "kinds": {k: sum(d.kind == k for d in docs.values()) for k in ("original", *KINDS, "quote")}},
        "jobs": args.jobs, "args": args.args, "base": runs[False], "dedup": runs[True], "scores": scores,
    }
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        show(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
