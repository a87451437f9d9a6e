"""Answers for the Python regex checker's differential test, one JSON line per request line on stdin.

Requests: {"compile": pattern}, {"fullmatch": pattern, "input": text}, {"split": text}, {"version": true}.
"""
import json
import re
import signal
import sys
import warnings

warnings.simplefilter("ignore")  # FutureWarning / DeprecationWarning do not stop a compile


class Timeout(Exception):
    pass


def on_alarm(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, on_alarm)


def compile_answer(pattern):
    try:
        re.compile(pattern)
        return {"ok": True}
    except re.error as err:
        return {"ok": False, "exception": "re.error", "message": err.msg, "offset": err.pos}
    except (OverflowError, ValueError) as err:
        return {"ok": False, "exception": type(err).__name__, "message": str(err), "offset": None}
    except RecursionError:
        return {"ok": False, "exception": "RecursionError", "message": "", "offset": None}
    except Exception as err:  # anything else is reported, as a disagreement
        return {"ok": False, "exception": type(err).__name__, "message": str(err), "offset": None}


def fullmatch_answer(pattern, text):
    signal.setitimer(signal.ITIMER_REAL, 0.5)
    try:
        return {"match": re.fullmatch(pattern, text) is not None}
    except Timeout:
        return {"match": "timeout"}
    except Exception as err:  # CPython's own bugs (a SystemError from some possessive repeats in 3.11)
        return {"match": "error", "error": "%s: %s" % (type(err).__name__, err)}
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def main():
    out = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        if "compile" in request:
            answer = compile_answer(request["compile"])
        elif "fullmatch" in request:
            answer = fullmatch_answer(request["fullmatch"], request["input"])
        elif "split" in request:
            answer = {"split": request["split"].split()}
        else:
            answer = {"version": "%d.%d" % sys.version_info[:2]}
        out.write(json.dumps(answer) + "\n")


if __name__ == "__main__":
    main()
