"""Command line: a thin layer over ``dsrqa.QA`` and the index builder.

Exit codes: 0 success (an abstention is a success), 1 other tool error, 2 bad input or
usage, 3 corpus problem, 4 missing/stale/damaged index, 5 model problem, 130 interrupted.
Errors print one line on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from pathlib import Path
from typing import Any

from .config import Config
from .errors import BadInputError, DsrqaError
from .export import json_line
from .paths import default_index

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"dsrqa: error: {message}", file=sys.stderr)
        sys.exit(EXIT_USAGE)


def _add_index(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--index",
        default=default_index(),
        help="index folder (default: ./index or $DSRQA_INDEX)",
    )
    p.add_argument(
        "--corpus", default=None, help="corpus folder (default: the repository's corpus/)"
    )


def _add_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", type=Path, default=None, help="JSON file with config values")
    p.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="override one config value (repeatable), e.g. --set chunk_size=800",
    )


def _config(args: argparse.Namespace) -> Config | None:
    if args.config is None and not args.set:
        return None
    base = Config.from_file(args.config) if args.config else Config()
    return base.with_overrides(args.set)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="dsrqa",
        description="Extractive, cited question answering over two reports on China's "
        "Digital Silk Road. Every answer is a sentence of the reports.",
        epilog="Exit codes: 0 ok, 1 error, 2 bad input, 3 corpus, 4 index, 5 model.",
    )
    parser.add_argument("--version", action="version", version=f"dsrqa {_version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for add in (_add_build, _add_ask, _add_verify, _add_show, _add_eval, _add_bench):
        add(sub)
    _add_collection(sub)
    r = sub.add_parser("reports", help="list the reports and their ids")
    _add_index(r)
    r.add_argument("--json", action="store_true", help="print as JSON")
    return parser


def _add_build(sub: Any) -> None:
    b = sub.add_parser(
        "build",
        help="clean, chunk, embed and index the reports",
        description="Build the index (atomically: a failed or killed build "
        "leaves the previous index in place).",
    )
    _add_index(b)
    _add_config(b)
    b.add_argument(
        "--if-needed",
        action="store_true",
        help="do nothing if a valid index for this corpus and config exists",
    )
    b.add_argument("--json", action="store_true", help="print the manifest as JSON")
    b.add_argument("--quiet", action="store_true", help="no progress bar")


def _add_collection(sub: Any) -> None:
    a = sub.add_parser(
        "add",
        help="add PDFs, web pages, Markdown or text files to the collection",
        description="Add documents (a folder adds the PDF, HTML, Markdown and text files "
        "in it) and update the index: only new text is embedded, and a failed or killed "
        "add leaves the collection and the index as they were. Title, authors and date "
        "come from the document's own metadata unless given here.",
    )
    a.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    _add_index(a)
    _add_config(a)
    a.add_argument("--title", default=None, help="the document's title")
    a.add_argument("--authors", default=None, help="its authors, separated by ';'")
    a.add_argument("--date", default=None, help="its date: YYYY, YYYY-MM or YYYY-MM-DD")
    a.add_argument("--publisher", default=None, help="its publisher")
    a.add_argument("--id", default=None, help="its id (default: from the title)")
    a.add_argument("--json", action="store_true", help="print what was added as JSON")
    a.add_argument("--quiet", action="store_true", help="no progress bar")
    r = sub.add_parser(
        "remove",
        help="remove added documents from the collection",
        description="Remove documents added with `dsrqa add` (their files too) and update "
        "the index.",
    )
    r.add_argument("ids", nargs="+", metavar="ID", help="a document id (see `dsrqa list`)")
    _add_index(r)
    _add_config(r)
    r.add_argument("--json", action="store_true", help="print what was removed as JSON")
    r.add_argument("--quiet", action="store_true", help="no progress bar")
    ls = sub.add_parser("list", help="list the documents of the collection")
    _add_index(ls)
    ls.add_argument("--json", action="store_true", help="print as JSON")


def _add_ask(sub: Any) -> None:
    a = sub.add_parser(
        "ask",
        help="answer a question with cited sentences from the reports",
        description="Answer a question. With --jsonl, read one question per "
        "line on stdin (text, or JSON with id and question).",
    )
    a.add_argument("question", nargs="?", help="the question (omit with --jsonl)")
    _add_index(a)
    _add_config(a)
    a.add_argument("-k", type=int, default=None, help="number of passages (default 5)")
    a.add_argument("--report", default=None, help="restrict to one report id")
    out = a.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="print the result as one JSON object")
    out.add_argument(
        "--jsonl",
        action="store_true",
        help="questions on stdin, one JSON result per line on stdout",
    )


def _add_verify(sub: Any) -> None:
    v = sub.add_parser(
        "verify",
        help="check a quote or a claim against the reports",
        description="Say whether a text is in the reports verbatim, close (a word or two "
        "differ, with a word diff), supported (same content, other words) or not_found, "
        "with citations, and list every figure that differs from the report. With "
        "--jsonl, read one text per line on stdin (plain, or JSON with id and text). "
        "Exit code 0 whatever the verdict.",
    )
    v.add_argument("text", nargs="?", help="the quote or claim (omit with --jsonl)")
    _add_index(v)
    _add_config(v)
    vout = v.add_mutually_exclusive_group()
    vout.add_argument("--json", action="store_true", help="print the result as one JSON object")
    vout.add_argument(
        "--jsonl", action="store_true", help="texts on stdin, one JSON result per line on stdout"
    )


def _add_show(sub: Any) -> None:
    s = sub.add_parser(
        "show",
        help="print the raw lines of a report around a citation",
        description="Print raw lines of a report file, e.g. `dsrqa show eurasia-2020:113`, "
        "`... corpus/eurasia-group-2020-digital-silk-road.txt:113-115` or a whole "
        "citation as ask, verify, the app or an export prints it.",
    )
    s.add_argument(
        "ref",
        help="REPORT:LINE or REPORT:FIRST-LAST (1-based, as citations give), REPORT being "
        "a report id or its file; or a citation as printed, or an app link",
    )
    _add_index(s)
    s.add_argument("-C", "--context", type=int, default=3, help="lines of context (default 3)")
    s.add_argument("--json", action="store_true", help="print as JSON")


def _add_eval(sub: Any) -> None:
    e = sub.add_parser(
        "eval",
        help="score dsrqa and its peers on the gold Q&A set",
        description="Retrieval, answer and abstention metrics on the gold set "
        "(dev, test and all splits), for dsrqa and its peers.",
    )
    _add_index(e)
    _add_config(e)
    e.add_argument("--gold", type=Path, default=None, help="gold set (default eval/gold.jsonl)")
    e.add_argument(
        "--out",
        type=Path,
        default=None,
        help="write metrics.json, TREC files, questions.csv, report.md and plots here",
    )
    e.add_argument(
        "--systems",
        default=",".join(("dsrqa", "bm25-only", "dense-only", "langchain-default")),
        help="comma-separated systems to score",
    )
    e.add_argument(
        "--verify-set",
        type=Path,
        default=None,
        help="quote/claim set for `verify` (default eval/verify.jsonl; 'none' to skip)",
    )
    e.add_argument("--json", action="store_true", help="print metrics.json to stdout")


def _add_bench(sub: Any) -> None:
    bn = sub.add_parser(
        "bench",
        help="speed and memory of dsrqa and the langchain peer",
        description="Cold start (wall, peak memory), warm latency, throughput "
        "and build time of dsrqa and the langchain-default peer, "
        "measured in the same run, with ratios.",
    )
    _add_index(bn)
    bn.add_argument("--gold", type=Path, default=None, help="questions (default eval/gold.jsonl)")
    bn.add_argument("--runs", type=int, default=5, help="cold-start runs per system (median)")
    bn.add_argument("--out", type=Path, default=None, help="write bench.json into this folder")
    bn.add_argument("--json", action="store_true", help="print the figures as JSON")
    bn.add_argument(
        "--documents",
        action="store_true",
        help="measure adding documents instead: pages per second of `dsrqa add`, a "
        "2,000-page PDF's memory, query latency with ten times the passages",
    )


def _version() -> str:
    from ._version import __version__

    return __version__


def _qa(args: argparse.Namespace) -> Any:
    from .qa import QA

    return QA.load(args.index, _config(args) if hasattr(args, "set") else None, args.corpus)


def _corpus(args: argparse.Namespace) -> Path:
    """``--corpus``, else the repository's corpus folder."""
    from .index import default_corpus_dir

    return Path(args.corpus) if args.corpus else default_corpus_dir()


def freeze_heap() -> None:
    """For a process that goes on working after warming the verifier (the app's launcher,
    ``verify --jsonl``, ``eval``, ``bench``): collect what warming left, then freeze every
    object alive into the collector's permanent generation. The model, index and
    verifier tables live as long as the process; a full collection walking them took
    40-80 ms, in the middle of whatever text it landed on. Process-wide, so only the
    command line and the launcher call it, never the library."""
    gc.collect()
    gc.freeze()


def _progress(quiet: bool) -> Any:
    """A context giving a progress callback: rich bars, one per stage, or nothing."""
    import contextlib

    if quiet:
        return contextlib.nullcontext(None)
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    @contextlib.contextmanager
    def bars() -> Any:
        with Progress(
            TextColumn("{task.description:<14}"), BarColumn(), TaskProgressColumn(), transient=False
        ) as bar:
            tasks: dict[str, Any] = {}

            def step(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = bar.add_task(stage, total=total)
                bar.update(tasks[stage], completed=done, total=total)

            yield step

    return bars()


def cmd_add(args: argparse.Namespace) -> int:
    from .collection import Metadata, add_documents

    authors = None
    if args.authors is not None:
        authors = tuple(a.strip() for a in args.authors.split(";") if a.strip())
    meta = Metadata(args.title, authors, args.date, args.publisher, args.id)
    with _progress(args.quiet or args.json) as step:
        change = add_documents(
            args.paths, _corpus(args), Path(args.index), _config(args), meta, step
        )
    if args.json:
        print(json.dumps(change.to_dict(), ensure_ascii=False))
        return 0
    for doc in change.added:
        pages = f", {doc.pages} pages" if doc.pages else ""
        print(f"added {doc.id}: {doc.title} ({doc.kind}{pages}) as {doc.file}")
    for path in change.skipped:
        print(f"left out {path}: not a kind dsrqa reads", file=sys.stderr)
    new, reused = change.embedded.get("new", 0), change.embedded.get("reused", 0)
    print(
        f"index updated in {change.seconds} s: {new} texts embedded, {reused} kept",
        file=sys.stderr,
    )
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from .collection import remove_documents

    with _progress(args.quiet or args.json) as step:
        change = remove_documents(args.ids, _corpus(args), Path(args.index), _config(args), step)
    if args.json:
        print(json.dumps(change.to_dict(), ensure_ascii=False))
        return 0
    for doc_id in change.removed:
        print(f"removed {doc_id}")
    print(f"index updated in {change.seconds} s", file=sys.stderr)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from .collection import list_documents

    docs = list_documents(_corpus(args))
    if args.json:
        print(json.dumps([d.to_dict() for d in docs], ensure_ascii=False))
        return 0
    for d in docs:
        pages = f" {d.pages}p" if d.pages else ""
        print(f"{d.id:<28} {d.kind:<8}{pages:<6} {d.date:<10}  {d.title}")
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from .build import build_index
    from .index import check_index

    config = _config(args) or Config()
    corpus = Path(args.corpus) if args.corpus else None
    if args.if_needed:
        try:
            check_index(Path(args.index), config, corpus)
        except DsrqaError:
            pass
        else:
            if not args.quiet:
                print(f"index at {args.index} is up to date", file=sys.stderr)
            return 0
    with _progress(args.quiet or args.json) as step:
        manifest = build_index(Path(args.index), config, corpus, step)
    if args.json:
        print(json.dumps(manifest, indent=1))
    else:
        counts = manifest["counts"]
        print(
            f"built {args.index}: {counts['passages']} passages, {counts['sentences']} "
            f"sentences in {manifest['build_seconds']} s",
            file=sys.stderr,
        )
    return 0


def _print_result(result: Any) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=False)
    if result.abstained:
        console.print(Text("The reports do not answer this question.", style="bold yellow"))
        console.print(Text(f"({result.reason})", style="dim"))
        console.print(Text("\nClosest passages:", style="bold"))
    else:
        a = result.answer
        line = Text("Answer: ", style="bold")
        line.append(a.text[: a.span_start])
        line.append(a.text[a.span_start : a.span_end], style="bold green")
        line.append(a.text[a.span_end :])
        console.print(line)
        console.print(Text(f"  — {a.citation.label()}", style="cyan"))
        console.print(
            Text(
                f"  confidence {result.confidence:.0%}: the probability that this sentence "
                "answers the question (fitted on the development questions)",
                style="dim",
            )
        )
        console.print(Text("\nSupporting passages:", style="bold"))
    for p in result.passages:
        head = Text(f"{p.rank}. ", style="bold")
        head.append(p.citation.label(), style="cyan")
        head.append(f"  score {p.score:.4f}", style="dim")
        console.print(head)
        text = p.text if len(p.text) <= 600 else p.text[:600] + " …"
        console.print(Text(text), style=None)
        console.print()


def cmd_ask(args: argparse.Namespace) -> int:
    if args.jsonl:
        if args.question is not None:
            raise BadInputError("give the question on stdin with --jsonl, not as an argument")
        return _ask_jsonl(args)
    if _argument(args.question, "question") is None:
        raise BadInputError('no question given; usage: dsrqa ask "QUESTION"')
    qa = _qa(args)
    result = qa.ask(args.question, k=args.k, report=args.report)
    if args.json:
        _write_line(json_line(result))
    else:
        _print_result(result)
    return 0


def _ask_jsonl(args: argparse.Namespace) -> int:
    qa = _qa(args)
    if args.k is not None:
        qa.check_k(args.k)
    if args.report is not None:
        qa.index.catalog.get(args.report)
    return _jsonl_loop(
        "question",
        lambda text, item_id: qa.ask(text, k=args.k, report=args.report, id=item_id),
    )


def _jsonl_loop(key: str, handle: Any) -> int:
    """Read one item per stdin line (``dsrqa.batch``) and write one JSON line for each,
    in order: the result, or ``{"id", "line", "error"}``. No line stops the batch; the
    exit code is 2 if a line was refused, 1 if one met an unexpected error."""
    from .batch import dump_json, read_batch

    refused = failed = 0
    for item in read_batch(sys.stdin.buffer, key):
        out: dict[str, Any]
        if item.text is None:
            out = item.error_object()
        else:
            try:
                out = handle(item.text, item.id_text).to_dict()
                out["id"] = item.id  # as given: a number stays a number
            except DsrqaError as exc:
                out = {**item.error_object(), "error": str(exc)}
            except Exception as exc:  # a bug: this line says so, the batch goes on
                if os.environ.get("DSRQA_DEBUG"):
                    raise
                failed += 1
                error = f"internal error: {type(exc).__name__}: {exc}"
                out = {**item.error_object(), "error": error}
        refused += "error" in out
        _write_line(dump_json(out))
    return 1 if failed else EXIT_USAGE if refused else 0


def _write_line(text: str) -> None:
    """One line to stdout as UTF-8, whatever the locale's encoding, flushed at once."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(text + "\n")
        sys.stdout.flush()
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8") + b"\n")
    buffer.flush()


def _argument(text: str | None, what: str) -> str | None:
    """A text given on the command line; bytes that are not UTF-8 reach Python as lone
    surrogates, refused here before anything is loaded."""
    from .batch import lone_surrogate

    if text is not None and lone_surrogate(text):
        raise BadInputError(f"the {what} is not valid UTF-8; give it in UTF-8")
    return text


VERDICT_STYLE = {
    "verbatim": "bold green",
    "close": "bold cyan",
    "supported": "bold blue",
    "not_found": "bold yellow",
}


def _print_verification(v: Any) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=False)
    head = Text(f"{v.verdict}", style=VERDICT_STYLE[v.verdict])
    head.append(f"  ({v.reason})", style="dim")
    console.print(head)
    for m in v.mismatches:
        console.print(Text(f"  mismatch: {m.message}", style="bold red"))
    if v.matches:
        label = "Closest report text:" if v.verdict == "not_found" else "In the reports:"
        console.print(Text(f"\n{label}", style="bold"))
    for i, m in enumerate(v.matches, start=1):
        c = m.citation
        lines = f"{c.line_start}" if c.line_start == c.line_end else f"{c.line_start}-{c.line_end}"
        cite = Text(f"{i}. ", style="bold")
        cite.append(f"{c.report}, “{c.section}”, {c.file}:{lines}", style="cyan")
        cite.append(f"  score {m.score:.3f}", style="dim")
        console.print(cite)
        if m.diff:
            line = Text("   ")
            for d in m.diff:
                if line.plain.strip() and not line.plain.endswith(("$", "(", "“", '"')):
                    line.append(" ")
                if d.op == "same":
                    line.append(d.text)
                if d.op in ("changed", "dropped"):
                    line.append(f"[-{d.report}-]", style="red strike")
                if d.op == "changed":
                    line.append(" ")
                if d.op in ("changed", "added"):
                    line.append(f"{{+{d.text}+}}", style="green")
            console.print(line)
            console.print(Text("   diff: [-report's words-] {+text's words+}", style="dim"))
        console.print(Text(f"   “{m.quote}”"))


def cmd_verify(args: argparse.Namespace) -> int:
    if args.jsonl:
        if args.text is not None:
            raise BadInputError("give the texts on stdin with --jsonl, not as an argument")
        qa = _qa(args)
        qa.verifier().warm()  # many texts: work out every candidate's figures once
        freeze_heap()
        return _jsonl_loop("text", qa.verify)
    if _argument(args.text, "text") is None:
        raise BadInputError('no text given; usage: dsrqa verify "QUOTE OR CLAIM"')
    result = _qa(args).verify(args.text)
    if args.json:
        _write_line(json_line(result))
    else:
        _print_verification(result)
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from .corpus import load_catalog
    from .links import parse_reference
    from .qa import QA
    from .reading import numbered_lines

    # show reads only the corpus: it works even before an index is built
    catalog = load_catalog(_corpus(args))
    ref = parse_reference(args.ref, catalog)  # every form a citation is printed in
    shown = QA.show_raw(catalog, ref.report, ref.first, args.context, ref.last)
    if args.json:
        print(json_line(shown))
        return 0
    print(f"{shown.file} ({shown.report})")
    for line in numbered_lines(shown):
        text = "-" * 20 + " page break" if line.is_break else line.text
        print(f"{'>' if line.cited else ' '}{line.padded} | {text}")
    return 0


def cmd_reports(args: argparse.Namespace) -> int:
    from .corpus import load_catalog

    catalog = load_catalog(_corpus(args))
    data = [r.to_dict() for r in catalog.reports]
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    else:
        for r in data:
            print(f"{r['id']:<24} {r['date']}  {r['title']} ({', '.join(r['authors'])})")
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from .eval import SUMMARY_COLUMNS, evaluate_all
    from .index import default_corpus_dir

    gold = args.gold or default_corpus_dir().parent / "eval" / "gold.jsonl"
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    checks = args.verify_set or default_corpus_dir().parent / "eval" / "verify.jsonl"
    if str(checks) == "none":
        checks = None
    qa = _qa(args)
    if checks is not None:  # the verify set: warm as the app and verify --jsonl run it
        qa.verifier().warm()
        freeze_heap()
    report = evaluate_all(qa, gold, args.out, systems, checks)
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    from rich.console import Console
    from rich.table import Table

    cols = SUMMARY_COLUMNS
    table = Table(title=f"gold set {gold} ({report['gold']['questions']} questions)")
    for c in ["system", "split", *cols]:
        table.add_column(
            c.replace("_", " "), justify="left" if c in ("system", "split") else "right"
        )
    for row in report["results"]:
        table.add_row(row["system"], row["split"], *(str(row[c]) for c in cols))
    console = Console(width=None if sys.stdout.isatty() else 170)
    console.print(table)
    if "verify" in report:
        from .eval_verify import VERIFY_COLUMNS

        ver = report["verify"]
        vt = Table(title=f"verify set {ver['path']} ({ver['cases']} cases)")
        for c in ["split", *VERIFY_COLUMNS]:
            vt.add_column(c.replace("_", " "), justify="left" if c == "split" else "right")
        for split in ("dev", "test", "all"):
            vt.add_row(split, *(str(ver["splits"][split][c]) for c in VERIFY_COLUMNS))
        console.print(vt)
    if args.out:
        print(
            f"wrote {args.out}/metrics.json, run-*.trec, qrels-*.trec, questions.csv, "
            "report.md, hit_at_k.png, kinds.png, abstention.png"
            + (", verify-cases.csv" if "verify" in report else ""),
            file=sys.stderr,
        )
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench import run_bench
    from .index import check_index

    if args.runs < 1:
        raise BadInputError(f"--runs must be 1 or more, got {args.runs}")
    corpus = _corpus(args)
    check_index(Path(args.index), Config(), corpus)
    if args.documents:
        from .bench_documents import run_document_bench

        say = None if args.json else (lambda m: print(f"… {m}", file=sys.stderr))
        figures = run_document_bench(Path(args.index).resolve(), corpus, say)
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / "bench_documents.json").write_text(json.dumps(figures, indent=1) + "\n")
        print(json.dumps(figures, indent=1))
        return 0
    gold = args.gold or corpus.parent / "eval" / "gold.jsonl"
    report = run_bench(
        Path(args.index).resolve(),
        corpus,
        gold,
        args.runs,
        None if args.json else (lambda m: print(f"… {m}", file=sys.stderr)),
        settle=freeze_heap,
    )
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "bench.json").write_text(json.dumps(report, indent=1) + "\n")
    if args.json:
        print(json.dumps(report, indent=1))
    else:
        _print_bench(report)
    return 0


def _print_bench(report: dict[str, Any]) -> None:
    """The figures of ``dsrqa bench`` as a table: dsrqa, the peer, and their ratio."""
    c, w, q, b = report["cold"], report["warm"], report["throughput_qps"], report["build_s"]
    ratio = report["ratios_dsrqa_over_peer"]
    rows = [
        (
            "cold start wall (s, median)",
            c["dsrqa"]["wall_s"],
            c["peer"]["wall_s"],
            ratio["cold_wall"],
        ),
        (
            "cold start peak memory (MB)",
            c["dsrqa"]["peak_mb"],
            c["peer"]["peak_mb"],
            ratio["cold_peak_mb"],
        ),
        ("warm latency p50 (ms)", w["dsrqa"]["p50_ms"], w["peer"]["p50_ms"], ratio["warm_p50"]),
        ("warm latency p95 (ms)", w["dsrqa"]["p95_ms"], w["peer"]["p95_ms"], ratio["warm_p95"]),
        ("throughput (questions/s)", q["dsrqa"], q["peer"], ratio["throughput"]),
        ("index build (s)", b["dsrqa"], b["peer"], ratio["build"]),
    ]
    if "verify" in report:
        v = report["verify"]
        rows += [
            (
                "verify p50 (ms per text)",
                v["dsrqa"]["p50_ms"],
                v["peer"]["p50_ms"],
                ratio["verify_p50"],
            ),
            ("verify p95 (ms per text)", v["dsrqa"]["p95_ms"], v["peer"]["p95_ms"], ""),
        ]
    print(
        f"machine: {report['machine']['cpu']}, {report['machine']['cores']} cores, "
        f"{report['machine']['memory']}"
    )
    print(f"{'figure':<30}{'dsrqa':>10}{'peer':>10}{'ratio':>8}")
    for name, a, p, r in rows:
        print(f"{name:<30}{a:>10}{p:>10}{r:>8}")
    print(
        "peer: langchain-default (sentence-transformers + torch at query time, dense only; "
        "dsrqa's warm figure includes answer extraction)"
    )
    if "verify" in report:
        print(
            f"verify peer: {report['verify']['peer_name']} ({report['verify']['peer_texts']} texts)"
        )


COMMANDS = {
    "bench": cmd_bench,
    "eval": cmd_eval,
    "build": cmd_build,
    "ask": cmd_ask,
    "verify": cmd_verify,
    "show": cmd_show,
    "reports": cmd_reports,
    "add": cmd_add,
    "remove": cmd_remove,
    "list": cmd_list,
}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return COMMANDS[args.command](args)
    except DsrqaError as exc:
        print(f"dsrqa: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("dsrqa: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: one line, and the traceback only on request
        if os.environ.get("DSRQA_DEBUG"):
            raise
        print(
            f"dsrqa: internal error: {type(exc).__name__}: {exc} "
            "(set DSRQA_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
