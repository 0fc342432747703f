"""``stats.needing_help`` asked three ways (the list, its count, its ids as a subquery, and
for some sellers only) gives the same sellers; the district filter written for the index
keeps a seller whose district is only in the unfinished profile form."""

from __future__ import annotations

from sqlalchemy import select

from bot.admin import stats
from bot.db.engine import Database
from bot.db.models import Seller
from tests.admin.seed import seed


async def test_the_list_the_count_and_the_ids_agree(settings) -> None:
    ids = seed(settings.database_url)
    database = Database(settings.database_url)
    try:
        async with database.transaction() as session:
            for districts in (["agra"], ["firozabad"], ["agra", "firozabad"],
                              sorted(stats._ALL_DISTRICTS)):
                listed = {s.seller_id for s in await stats.needing_help(session, districts)}
                assert await stats.needing_help_count(session, districts) == len(listed)
                found = {row[0] for row in await session.execute(
                    select(Seller.id).where(Seller.id.in_(stats.needing_help_ids(districts))))}
                assert found == listed, districts
            agra = {s.seller_id for s in await stats.needing_help(session, ["agra"])}
            # Kamla stopped in the profile form: her district is only in the form's answers.
            assert ids["Kamla Agra"] in agra and ids["Ramesh Agra"] in agra
            assert ids["Suresh Agra"] not in agra
            one = await stats.needing_help(session, ["agra"], only=[ids["Kamla Agra"],
                                                                    ids["Suresh Agra"]])
            assert [s.seller_id for s in one] == [ids["Kamla Agra"]]
            assert await stats.needing_help(session, ["firozabad"],
                                            only=[ids["Ramesh Agra"]]) == []
    finally:
        await database.dispose()
