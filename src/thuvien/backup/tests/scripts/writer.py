"""A desk lending and taking back copies of one library as fast as it can, until told to stop.

Prints one line per loan the service confirmed (committed): ``<loan id>``. Run with the
installation's environment: ``python writer.py LIBRARY_CODE STOP_FILE``.
"""

import os
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thuvien.config.settings.base")
django.setup()

from django_scopes import scopes_disabled  # noqa: E402

from thuvien.accounts.models import Membership  # noqa: E402
from thuvien.circulation.errors import CirculationError  # noqa: E402
from thuvien.circulation.services.loans import loan_checkin, loan_checkout  # noqa: E402
from thuvien.holdings.models import Item  # noqa: E402
from thuvien.network.models import Library  # noqa: E402
from thuvien.patrons.models import Patron  # noqa: E402

code, stop = sys.argv[1], Path(sys.argv[2])
with scopes_disabled():
    library = Library.objects.get(code=code)
    staff = Membership.objects.filter(library=library).select_related("user").first().user
    patrons = list(
        Patron.objects.filter(library=library, is_anonymised=False, blocked_reason="")[:20]
    )
    items = list(Item.objects.filter(library=library, status="available")[:20])
    assert patrons and items, (len(patrons), len(items))
    n = 0
    while not stop.exists():
        item = items[n % len(items)]
        patron = patrons[n % len(patrons)]
        n += 1
        try:
            loan = loan_checkout(item=item, patron=patron, library=library, staff=staff)
        except CirculationError:
            continue
        print(loan.pk, flush=True)
        loan_checkin(item=item, library=library, staff=staff)
