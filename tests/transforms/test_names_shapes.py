"""Name shapes and title grammar of house styles the first gold did not show: initials after a title,
a country before a portfolio the office unit does not hold."""

from __future__ import annotations

import pytest

from transforms.names import Gazetteer, find_people

EMPTY = Gazetteer.from_text("", "")


def _people(text: str) -> dict:
    return {m.name: m for m in find_people(text, gazetteer=EMPTY)}


@pytest.mark.parametrize("text,name,country", [
    ("Norwegian Fisheries State Secretary Ola Brekke arrived in Reykjavik.", "Ola Brekke", "NOR"),
    ("Talks were led by Kenyan Trade Principal Secretary Alfred Kiprono.", "Alfred Kiprono", "KEN"),
    ("Brazil's Defence Vice Minister Paulo Mendes signed for his side.", "Paulo Mendes", "BRA"),
])
def test_a_country_before_a_portfolio_gives_the_office_its_country(text, name, country):
    assert _people(text)[name].country == country


def test_a_portfolio_without_a_country_before_it_gives_none():
    assert _people("Defence Vice Minister Paulo Mendes signed for his side.")["Paulo Mendes"].country is None


def test_initials_after_a_titles_comma_start_the_name():
    found = _people("Talks were chaired by the Minister of Water of the Republic of Malawi, K.M. Banda.")
    assert found["K.M. Banda"].country == "MWI"


@pytest.mark.parametrize("text,written,name", [
    ("Deputy Chairman of the Cabinet of Ministers Farid Nazim oglu Huseynli met the delegation.",
     "Farid Nazim oglu Huseynli", "Farid Huseynli"),
    ("Minister Gasimov Tural Rauf oglu received the guests.", "Gasimov Tural Rauf oglu", "Tural Gasimov"),
    ("The talks were attended by Deputy Minister Rahimova Leyla Aydin kyzy and others.",
     "Rahimova Leyla Aydin kyzy", "Leyla Rahimova"),
])
def test_a_patronymic_word_belongs_to_the_name_and_is_dropped_from_the_canonical_form(text, written, name):
    found = _people(text)
    assert found[name].name_as_written == written


def test_a_lower_case_word_that_is_no_patronymic_still_ends_a_name():
    assert list(_people("Minister Tural Gasimov and others spoke.")) == ["Tural Gasimov"]


@pytest.mark.parametrize("text,name", [
    ("The talks were chaired by Sayyid Khalid bin Sultan Al Harthy, Minister of Economy.", "Khalid bin Sultan Al Harthy"),
    ("Minister of Transport Faisal bin Emir Al Marri opened the port.", "Faisal bin Emir Al Marri"),
])
def test_a_title_word_after_bin_is_the_fathers_name_not_an_office(text, name):
    found = find_people(text, gazetteer=EMPTY)
    assert [m.name for m in found] == [name]
    assert found[0].title != "Monarch"


@pytest.mark.parametrize("text,name,country", [
    ("At the invitation of the Minister of Foreign Affairs of Chile, Rosa Medina Salas, the minister went.",
     "Rosa Medina Salas", "CHL"),
    ("On behalf of the President of Ghana, Kwame Asante Boateng, the envoy spoke.", "Kwame Asante Boateng", "GHA"),
])
def test_an_office_after_of_the_is_the_named_persons_own(text, name, country):
    found = _people(text)
    assert found[name].country == country and found[name].title


def test_an_office_after_a_title_and_to_the_is_whom_the_person_serves():
    found = _people("Senior Advisor to the President Tomas Varga met him.")
    assert found["Tomas Varga"].title is None


@pytest.mark.parametrize("text,code", [
    ("The Secretary of the Kenya Ports Authority, Jane Wambui Doe, met the delegation.", None),
    ("The President of the Uruguay XXI agency, Ana Pereira Sosa, hosted the delegation.", None),
    ("The Minister of Foreign Affairs of the Philippines Enrique Manalo met him.", "PHL"),
    ("The President of the Gambia Adama Barrow met him.", "GMB"),
    ("The Foreign Minister of the Republic of Korea, Park Min-seo, said so.", "KOR"),
])
def test_of_the_gives_a_country_only_to_a_name_written_with_the(text, code):
    from transforms.names.office import find_offices
    (office,) = find_offices(text)[:1]
    assert office.country == code


@pytest.mark.parametrize("text,names", [
    ("The commissions, led by Deputy Prime Ministers Anna Berg and Jonas Lind, met on Tuesday.",
     ["Anna Berg", "Jonas Lind"]),
    ("The Foreign Ministers Anna Berg, Jonas Lind and Maria Sousa Pinto signed the declaration.",
     ["Anna Berg", "Jonas Lind", "Maria Sousa Pinto"]),
    ("Ambassadors Pedro Alves Costa and Ines Moreira presented their credentials.", ["Pedro Alves Costa", "Ines Moreira"]),
])
def test_a_plural_title_lists_several_people(text, names):
    found = _people(text)
    assert sorted(found) == sorted(names)
    assert len({m.title for m in found.values()}) == 1


def test_a_singular_title_takes_one_name_only():
    assert list(_people("Foreign Minister Anna Berg and Jonas Lind of the press office spoke.")) == ["Anna Berg"]


@pytest.mark.parametrize("text,name", [
    ("Foreign Minister Monday Akol Deng met the envoy.", "Monday Akol Deng"),
    ("The minister met Ambassador June Mary Okello in Kampala.", "June Mary Okello"),
])
def test_a_weekday_or_month_is_a_given_name_before_two_name_words(text, name):
    assert list(_people(text)) == [name]


@pytest.mark.parametrize("text", [
    "The Minister met him on Monday, January 5.",
    "Prime Minister Monday said so.",
])
def test_a_weekday_alone_is_no_name(text):
    assert _people(text) == {}


def test_dotted_capitals_in_a_title_before_its_comma_stay_the_titles():
    found = _people("Also present was the Trade Counsellor at the Embassy in Washington D.C., Marta Lindqvist.")
    assert list(found) == ["Marta Lindqvist"]


@pytest.mark.parametrize("text,name,title,country", [
    ("The Taoiseach, Aoife Byrne, met the delegation.", "Aoife Byrne", "Prime Minister", "IRL"),
    ("Tanaiste Conor Walsh welcomed the minister to Dublin.", "Conor Walsh", "Deputy Prime Minister", "IRL"),
    ("Lyonchhen Dasho Karma Wangdi received the delegation in Thimphu.", "Karma Wangdi", "Prime Minister", "BTN"),
    ("Canciller Lucia Ferrer Ruiz met her counterpart in Lima.", "Lucia Ferrer Ruiz", "Minister of Foreign Affairs", None),
])
def test_local_titles_are_read_with_the_country_they_imply(text, name, title, country):
    found = _people(text)
    assert found[name].title == title and found[name].country == country


def test_a_local_title_is_read_as_written_only():
    assert _people("The canciller said the taoiseach would come.") == {}


@pytest.mark.parametrize("text,name", [
    ("Deputy Foreign Minister Ts. Enkhtuvshin and others attended.", "Ts. Enkhtuvshin"),
    ("The State Secretary, Kh. Gankhuyag, met the ambassador.", "Kh. Gankhuyag"),
])
def test_two_letter_initials_open_a_name(text, name):
    assert name in _people(text)


def test_a_royal_title_never_names_a_commoner_by_a_surname_alias():
    gazetteer = Gazetteer.from_text("person,country,organization,name_order,aliases\n"
                                    "Omar Haddad,JOR,,given_first,Haddad\n",
                                    "person,country,office,start_date,end_date,source_note\n"
                                    "Omar Haddad,JOR,Prime Minister,2020-01-01,,\n")
    (king,) = find_people("King Haddad received the envoys.", gazetteer=gazetteer)
    assert king.name == "Haddad" and king.title == "Monarch"
    (pm,) = find_people("Prime Minister Haddad received the envoys.", gazetteer=gazetteer)
    assert pm.name == "Omar Haddad"


@pytest.mark.parametrize("text,name,country", [
    ("The minister received the outgoing Indonesian Ambassador to Japan, Sutrisno, at the ministry.", "Sutrisno", "IDN"),
    ("The Deputy Foreign Minister of Mongolia, Enkhbold, opened the session.", "Enkhbold", "MNG"),
])
def test_one_name_word_set_off_by_commas_after_a_states_office(text, name, country):
    assert _people(text)[name].country == country


@pytest.mark.parametrize("text", [
    "The Ambassador, Sutrisno, arrived.",                  # no state: no single word
    "The President of France, however, declined.",         # lower case
    "The Foreign Minister of Kenya, Nairobi-based, said.",
])
def test_one_word_after_an_office_needs_a_state_and_commas(text):
    assert "Sutrisno" not in _people(text) and len(_people(text)) == 0
