"""Online payment and download control: CPU time per operation.

    .venv/bin/python benchmarks/payments.py [ORDERS]

1. A confirmed payment: the gateway's signed IPN checked (HMAC-SHA512) and applied — order
   locked, fee and payment in the library's ledger, receipt numbered, access grant, audit —
   through Django's WSGI handler (django.test.Client, no network), then the same IPN again
   (the idempotent "already confirmed" answer).
2. The watermark stamped over a 20-page A4 PDF of an in-copyright object (per page).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from digital_common import a4_page, network_and_library, setup_django  # noqa: E402


def main() -> None:
    orders = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    setup_django("payments")
    from django.conf import settings
    from django.test import Client
    from django_scopes import scopes_disabled

    from thuvien.accounts.models import User
    from thuvien.digital.downloads import watermark_pdf
    from thuvien.digital.models import DigitalObject
    from thuvien.digital.paid import object_fees_set, paid_access_start
    from thuvien.digital.pdf import object_pdf
    from thuvien.digital.services import digital_ingest, object_update
    from thuvien.patrons.services import categories_ensure, patron_register
    from thuvien.payments import vnpay

    _net, library = network_and_library()
    work = Path(tempfile.mkdtemp(prefix="thuvien-pay-"))
    pages = [a4_page(work / f"p{n}.png", n) for n in range(20)]
    secret = settings.PAYMENTS_VNPAY["hash_secret"]
    with scopes_disabled():
        report = digital_ingest(paths=pages, library=library, publish=True, title="Địa chí")
        obj = DigitalObject.all_objects.get(pk=report.objects[0])
        object_update(obj=obj, actor=None, access="paid", rights_status="in_copyright")
        object_fees_set(obj=obj, actor=None, price=20000, download_limit=None)
        category = categories_ensure(network=library.network)["adult"]
        signed = []
        for n in range(orders):
            user = User.objects.create_user(username=f"bench{n}", password="x" * 16)
            patron = patron_register(library=library, category=category, actor=None,
                                     full_name=f"Bạn đọc {n}", consent=True)
            patron.user = user
            patron.save(update_fields=["user"])
            order = paid_access_start(obj=obj, user=user, ip="127.0.0.1")
            params = {"vnp_Amount": str(order.amount * 100), "vnp_TxnRef": order.txn_ref,
                      "vnp_ResponseCode": "00", "vnp_TransactionStatus": "00",
                      "vnp_TransactionNo": f"{n:08d}", "vnp_BankCode": "NCB",
                      "vnp_TmnCode": settings.PAYMENTS_VNPAY["tmn_code"]}
            signed.append(vnpay.signed_query(params, secret))

    client = Client()
    for label, queries in (("IPN applied (paid)", signed), ("IPN repeated", signed)):
        start = time.process_time()
        for query in queries:
            answer = client.get("/payments/vnpay/ipn/?" + query).json()
            assert answer["RspCode"] in ("00", "02"), answer
        cpu = (time.process_time() - start) / len(queries) * 1000
        print(f"{label}: {cpu:.2f} ms CPU per IPN ({len(queries)} orders)")

    pdf = object_pdf(obj)
    start = time.process_time()
    runs = 5
    for _n in range(runs):
        watermark_pdf(pdf, "Thư viện tỉnh · Bạn đọc 1a2b3c4d5e · 07/12/2026")
    cpu = (time.process_time() - start) / runs / len(pages) * 1000
    print(f"watermark: {cpu:.2f} ms CPU per page ({len(pages)}-page A4 PDF, {runs} runs)")


if __name__ == "__main__":
    main()
