"""Compare text extraction libraries on the documents in testdocs/.

PDF: pypdf, pdfplumber, pypdfium2 (reference: poppler's pdftotext, when installed).
HTML: BeautifulSoup get_text of <body>, of <main> (or <body>), readability-lxml,
trafilatura (reference: visible text of the content region named in CONTENT below).

Each (document, library) pair runs in a child process, so its peak memory
(ru_maxrss of the child, minus the child's RSS after imports) is its own.

    python scripts/extraction_probe.py [--out docs/extraction_results.json]

Needs: pypdf pdfplumber pypdfium2 beautifulsoup4 readability-lxml trafilatura;
poppler-utils (pdftotext) for the PDF reference.
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import json
import re
import resource
import shutil
import subprocess
import sys
import time
import tracemalloc
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "testdocs"
PDF_LIBS = ["pypdf", "pdfplumber", "pypdfium2"]
HTML_LIBS = ["bs4-body", "bs4-main", "readability", "trafilatura"]
# content region of each HTML page, used to build its reference text
CONTENT = {"manual_impressive.html": "body", "nav_what-is-rustc.html": "main"}
LIGATURES = "\ufb00\ufb01\ufb02\ufb03\ufb04\ufb05\ufb06"


# ---------------------------------------------------------------- extraction
def extract_pdf(lib: str, path: Path) -> list[str]:
    """Return one string per page."""
    if lib == "pypdf":
        from pypdf import PdfReader

        return [p.extract_text() or "" for p in PdfReader(path).pages]
    if lib == "pdfplumber":
        import pdfplumber

        out = []
        with pdfplumber.open(path) as pdf:
            for p in pdf.pages:
                out.append(p.extract_text() or "")
                p.flush_cache()
        return out
    if lib == "pypdfium2":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(path)
        out = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            out.append(tp.get_text_bounded())
            tp.close()
            page.close()
        pdf.close()
        return out
    raise ValueError(lib)


def extract_html(lib: str, path: Path) -> list[str]:
    raw = path.read_bytes()
    if lib.startswith("bs4"):
        from bs4 import BeautifulSoup

        soup = BeautifulSoup(raw, "lxml")
        for t in soup(["script", "style", "noscript", "template"]):
            t.decompose()
        node = (soup.main if lib == "bs4-main" else None) or soup.body or soup
        return [node.get_text("\n")]
    if lib == "readability":
        from bs4 import BeautifulSoup
        from readability import Document

        html = Document(raw.decode("utf-8", "replace")).summary(html_partial=True)
        return [BeautifulSoup(html, "lxml").get_text("\n")]
    if lib == "trafilatura":
        import trafilatura

        txt = trafilatura.extract(
            raw.decode("utf-8", "replace"),
            include_tables=True,
            include_formatting=False,
            output_format="markdown",
            favor_recall=True,
        )
        return [txt or ""]
    raise ValueError(lib)


def peak_rss_kb() -> int:
    """VmHWM of this process (ru_maxrss is inherited across exec on Linux, so not used)."""
    for ln in Path("/proc/self/status").read_text().splitlines():
        if ln.startswith("VmHWM:"):
            return int(ln.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def reset_peak_rss() -> int:
    """Reset VmHWM to the current RSS where the kernel allows it; return it in kB."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return peak_rss_kb()


def child(lib: str, path: Path) -> None:
    """Run one extraction; print JSON with pages, timing and memory."""
    fn = extract_html if path.suffix == ".html" else extract_pdf
    # import cost is not counted: warm the import first
    if lib in PDF_LIBS:
        __import__({"pypdf": "pypdf", "pdfplumber": "pdfplumber", "pypdfium2": "pypdfium2"}[lib])
    elif lib == "readability":
        import readability  # noqa: F401
    elif lib == "trafilatura":
        import trafilatura  # noqa: F401
    else:
        import bs4  # noqa: F401
    rss0 = reset_peak_rss()
    tracemalloc.start()
    t0 = time.perf_counter()
    pages = [p.replace("\r\n", "\n") for p in fn(lib, path)]
    dt = time.perf_counter() - t0
    _, py_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss1 = peak_rss_kb()
    # second, untraced run for speed (tracemalloc slows pure-Python code)
    t0 = time.perf_counter()
    fn(lib, path)
    dt2 = time.perf_counter() - t0
    json.dump(
        {
            "pages": pages,
            "seconds_traced": dt,
            "seconds": dt2,
            "py_peak_mb": py_peak / 2**20,
            "rss_delta_mb": (rss1 - rss0) / 1024,
            "rss_peak_mb": rss1 / 1024,
        },
        sys.stdout,
    )


def run_child(lib: str, path: Path) -> dict:
    r = subprocess.run(
        [sys.executable, __file__, "--child", lib, str(path)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if r.returncode:
        return {"error": r.stderr.strip().splitlines()[-1] if r.stderr else "failed"}
    return json.loads(r.stdout)


# ---------------------------------------------------------------- references
def pdftotext_pages(path: Path, layout: bool = False) -> list[str] | None:
    """Reading order (default) or physical layout (-layout: table rows stay rows)."""
    if not shutil.which("pdftotext"):
        return None
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", *(["-layout"] if layout else []), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    pages = out.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def html_reference(path: Path) -> str:
    """Visible text of the content region: lxml, hidden and non-text elements dropped."""
    import lxml.html

    tree = lxml.html.fromstring(path.read_bytes())
    for el in tree.xpath(
        "//script|//style|//noscript|//template|//head"
        "|//*[@hidden]|//*[contains(@style,'display:none')]"
        "|//*[contains(@style,'display: none')]"
    ):
        el.drop_tree()
    node = tree.find(".//" + CONTENT.get(path.name, "body"))
    node = tree if node is None else node
    return "\n".join(t for t in node.itertext())


# ---------------------------------------------------------------- measures
def words(text: str, fold_ligatures: bool = True) -> list[str]:
    if fold_ligatures:
        text = unicodedata.normalize("NFKC", text)
    return re.findall(r"\w+", text.lower())


def in_order_recall(ref: list[str], got: list[str]) -> tuple[float, float]:
    """(share of ref words matched in order, share of extracted words not in ref)."""
    if not ref:
        return (float("nan"), float("nan"))
    sm = difflib.SequenceMatcher(None, ref, got, autojunk=False)
    matched = sum(b.size for b in sm.get_matching_blocks())
    return matched / len(ref), (1 - matched / len(got)) if got else 0.0


def bag_recall(ref: list[str], got: list[str]) -> float:
    """Share of ref words present at all, order ignored (multiset)."""
    if not ref:
        return float("nan")
    return sum((Counter(ref) & Counter(got)).values()) / len(ref)


def repeated_lines(pages: list[str], k: int = 2) -> list[tuple[str, int]]:
    """Lines among the first/last k of a page that recur on >= 40% of pages (digits folded)."""
    if len(pages) < 3:
        return []
    c: Counter[str] = Counter()
    for p in pages:
        lines = [ln.strip() for ln in p.splitlines() if ln.strip()]
        edge = set(re.sub(r"\d+", "#", ln) for ln in lines[:k] + lines[-k:])
        c.update(edge)
    need = max(2, int(0.4 * len(pages)))
    return [(ln, n) for ln, n in c.most_common() if n >= need]


def hyphen_breaks(pages: list[str]) -> int:
    n = 0
    for p in pages:
        # "func-\ntion"; pdfium instead joins the lines and marks the break with U+0002
        n += len(re.findall(r"[a-z]-\n\s*[a-z]", p)) + p.count("\x02")
    return n


def ligature_stats(text: str, ref: str | None) -> dict:
    fi = lambda t: len(re.findall(r"f[filt]", unicodedata.normalize("NFKC", t).lower()))  # noqa: E731
    d = {
        "fffd": text.count("\ufffd"),
        "lig_chars": sum(text.count(c) for c in LIGATURES),
        "f_pairs": fi(text),
    }
    if ref is not None:
        d["f_pairs_ref"] = fi(ref)
    return d


def pdf_structure(path: Path) -> dict:
    """Outline and metadata as each library exposes them."""
    info: dict = {}
    from pypdf import PdfReader

    r = PdfReader(path)
    out = r.outline

    def count(o):
        return sum(count(x) if isinstance(x, list) else 1 for x in o)

    md = r.metadata or {}
    xmp = None
    try:
        x = r.xmp_metadata
        if x is not None:
            xmp = {
                "dc_title": x.dc_title,
                "dc_creator": x.dc_creator,
                "xmp_create_date": str(x.xmp_create_date) if x.xmp_create_date else None,
            }
    except Exception as e:  # noqa: BLE001
        xmp = f"error: {e}"
    info["pypdf"] = {
        "outline_entries": count(out),
        "title": md.get("/Title"),
        "author": md.get("/Author"),
        "date": md.get("/CreationDate"),
        "xmp": xmp,
    }
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        m = pdf.metadata
        try:
            n_out = sum(1 for _ in pdf.doc.get_outlines())
        except Exception:  # noqa: BLE001
            n_out = 0
        has_xmp = "Metadata" in pdf.doc.catalog
        imgs = sum(len(p.images) for p in pdf.pages)
        chars = sum(len(p.chars) for p in pdf.pages)
        info["pdfplumber"] = {
            "outline_entries": n_out,
            "title": m.get("Title"),
            "author": m.get("Author"),
            "date": m.get("CreationDate"),
            "xmp": "raw stream only" if has_xmp else None,
        }
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    m = pdf.get_metadata_dict()
    info["pypdfium2"] = {
        "outline_entries": sum(1 for _ in pdf.get_toc()),
        "title": m.get("Title"),
        "author": m.get("Author"),
        "date": m.get("CreationDate"),
        "xmp": None,
    }
    info["images"] = imgs
    info["chars"] = chars
    info["no_text_layer"] = chars == 0 and imgs > 0
    pdf.close()
    for k in ("pypdf", "pdfplumber", "pypdfium2"):
        for f in ("title", "author", "date"):
            v = info[k][f]
            info[k][f] = v.decode("latin-1") if isinstance(v, bytes) else (str(v) if v else None)
    return info


# ---------------------------------------------------------------- main
def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child", nargs=2)
    ap.add_argument("--out", default=str(ROOT / "docs" / "extraction_results.json"))
    a = ap.parse_args()
    if a.child:
        child(a.child[0], Path(a.child[1]))
        return
    results = {
        "pdftotext": subprocess.run(
            ["pdftotext", "-v"], capture_output=True, text=True
        ).stderr.splitlines()[0]
        if shutil.which("pdftotext")
        else None,
        "docs": {},
    }
    for path in sorted(DOCS.iterdir()):
        if path.suffix not in (".pdf", ".html"):
            continue
        is_pdf = path.suffix == ".pdf"
        doc: dict = {"bytes": path.stat().st_size, "libs": {}}
        if is_pdf:
            ref_pages = pdftotext_pages(path)
            doc["structure"] = pdf_structure(path)
            doc["reference"] = "pdftotext"
        else:
            ref_pages = [html_reference(path)]
            doc["reference"] = f"visible text of <{CONTENT.get(path.name, 'body')}>"
        ref_text = "\n".join(ref_pages) if ref_pages else None
        ref_words = words(ref_text) if ref_text else []
        lay = pdftotext_pages(path, layout=True) if is_pdf else None
        lay_words = words("\n".join(lay)) if lay else []
        doc["ref_words"] = len(ref_words)
        if is_pdf and ref_pages:
            doc["ref_repeated_lines"] = repeated_lines(ref_pages)[:6]
            doc["ref_hyphen_breaks"] = hyphen_breaks(ref_pages)
        for lib in PDF_LIBS if is_pdf else HTML_LIBS:
            r = run_child(lib, path)
            if "error" in r:
                doc["libs"][lib] = r
                continue
            pages = r.pop("pages")
            text = "\n".join(pages)
            got = words(text)
            rec, noise = in_order_recall(ref_words, got)
            row = {
                **{k: round(v, 4) for k, v in r.items()},
                "n_pages": len(pages),
                "pages_per_s": round(len(pages) / r["seconds"], 1) if r["seconds"] else None,
                "words": len(got),
                "fidelity": round(rec, 4),
                "noise": round(noise, 4),
                "fidelity_layout": round(in_order_recall(lay_words, got)[0], 4) if is_pdf else None,
                "bag_recall": round(bag_recall(ref_words, got), 4),
                "chars": len(text.strip()),
            }
            if is_pdf:
                rep = repeated_lines(pages)
                row.update(
                    {
                        "repeated_lines": len(rep),
                        "repeated_examples": rep[:4],
                        "hyphen_breaks": hyphen_breaks(pages),
                        **ligature_stats(text, ref_text),
                    }
                )
            doc["libs"][lib] = row
            print(
                f"{path.name:34} {lib:12} fid={rec:.3f} lay={row['fidelity_layout']} "
                f"bag={row['bag_recall']} noise={noise:.3f} "
                f"{row['pages_per_s']} p/s rssΔ={r['rss_delta_mb']:.1f}MB "
                f"hy={row.get('hyphen_breaks')} "
                f"py={r['py_peak_mb']:.1f}MB",
                flush=True,
            )
        results["docs"][path.name] = doc
    Path(a.out).write_text(json.dumps(results, indent=1, ensure_ascii=False, default=str) + "\n")
    print("wrote", a.out)


if __name__ == "__main__":
    main()
