"""Times the AWS CLI v2 parsing and validating commands in one process, stopping before any request.

Reads one command per line on stdin; prints the median milliseconds per command. Needs Debian's awscli
and the models cache of ../shared/tools/awscli-judge (the benchmark runs the judge once to build it).
"""
import contextlib, glob, io, os, shlex, statistics, sys, time

caches = sorted(glob.glob(os.path.expanduser('~/.cache/awscli-judge/botocore-*')))
os.environ.update({
    'AWS_DATA_PATH': caches[-1], 'AWS_ACCESS_KEY_ID': 'AKIDEXAMPLE', 'AWS_SECRET_ACCESS_KEY': 'secret',
    'AWS_DEFAULT_REGION': 'us-east-1', 'AWS_EC2_METADATA_DISABLED': 'true', 'AWS_CONFIG_FILE': '/nonexistent',
    'AWS_SHARED_CREDENTIALS_FILE': '/nonexistent', 'AWS_PAGER': '',
})
from awscli.clidriver import create_clidriver  # noqa: E402
import awscli.botocore.client as bc  # noqa: E402

bc.BaseClient._resolve_endpoint_ruleset = lambda self, *a, **k: ('https://example.invalid', {}, {})


class Stop(Exception):
    pass


def stop(**kwargs):
    raise Stop()


driver = create_clidriver()
driver.session.register('before-call', stop)
times = []
for line in sys.stdin:
    try:
        args = shlex.split(line.strip())[1:]
    except ValueError:
        continue
    t0 = time.perf_counter()
    try:
        with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
            driver.main(args)
    except (Stop, SystemExit, Exception):  # noqa: BLE001 - timing only
        pass
    times.append((time.perf_counter() - t0) * 1000)
print(statistics.median(times))
