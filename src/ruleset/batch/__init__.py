"""``ruleset batch``: many submissions, one report each, one summary, flat memory.

``discover`` turns paths, globs, directories and zip archives into an ordered list of inputs;
``work`` checks one input in a worker process that loaded the rules once; ``aggregate`` folds
results into summary counters and spools the per-agency rows to disk as they arrive; ``run``
drives the pool, the progress line and interruption.
"""

from ruleset.batch.discover import discover
from ruleset.batch.inputs import BatchInput
from ruleset.batch.run import BatchOutcome, run_batch

__all__ = ["BatchInput", "BatchOutcome", "discover", "run_batch"]
