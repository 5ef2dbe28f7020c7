"""Copy cataloguing: find a record in another library's catalogue (SRU or Z39.50) and copy it.

``search(target, index=, terms=)`` talks to one configured target and returns pymarc records;
every failure (unknown target, refused connection, timeout, a diagnostic from the server) is a
``CopycatError`` with a Vietnamese message the page shows as it is.
"""

from .errors import CopycatError, CopycatErrorCode
from .search import CopycatResult, search
from .targets import Target, target_get, targets_for

__all__ = [
    "CopycatError",
    "CopycatErrorCode",
    "CopycatResult",
    "Target",
    "search",
    "target_get",
    "targets_for",
]
