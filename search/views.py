from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.roles import view_required

from .selectors import RANK_WINDOW, highlight, search_documents

PAGE_SIZE = 20


@require_GET
@view_required
def results(request):
    query = request.GET.get("q", "").strip()
    page = Paginator(search_documents(query=query), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "search/results.html",
        {
            "query": query, "page": page, "hits": highlight(page.object_list, query=query),
            "capped": page.paginator.count >= RANK_WINDOW, "rank_window": RANK_WINDOW,
        },
    )
