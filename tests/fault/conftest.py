from tests.fault.report import SUMMARY


def pytest_terminal_summary(terminalreporter, config):
    """The fault suite's counts, in the normal pytest output, whatever the capture mode."""
    lines = config.stash.get(SUMMARY, None)
    if lines:
        terminalreporter.write_sep("=", "fault suite")
        for line in lines:
            terminalreporter.write_line(line)
