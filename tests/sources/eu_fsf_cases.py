"""Hand-written FSF XML 1.1 edge cases (no real EU file is stored), shared by the
parser and SQL tests. Written from the format notes in
../shared/data/real/sanctions/eu_fsf/PROVENANCE.md and schema_1_1.xsd's model."""

from __future__ import annotations

from pathlib import Path

SUMMARY = (
    '<regulationSummary regulationType="amendment" publicationDate="2005-03-16" '
    'numberTitle="2005/221/CFSP (OJ L69)" publicationUrl="http://eur-lex.europa.eu/x"/>'
)

# 13: a UN-listed person with a passport, a weak and a translated alias, five
#     birth dates (full, year only, month and year, circa, a year range) and
#     one impossible one (31 February), two programmes (TERR twice, IRQ).
# 207: an enterprise with a registration number, an address with contact
#     details and an unknown ("00") country, designated on a stated date.
# 300: a person delisted in the file itself (delistingDate), no regulation.
EDGE = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-02-20T17:05:11.123+01:00" globalFileId="190001">
  <sanctionEntity designationDetails="" unitedNationId="QDi.001" euReferenceNumber="EU.27.28" logicalId="13">
    <remark>UNSC RESOLUTION 1483</remark>
    <regulation regulationType="amendment" organisationType="council" publicationDate="2005-03-16" entryIntoForceDate="2005-03-17" numberTitle="2005/221/CFSP (OJ L69)" programme="TERR" logicalId="3730">
      <publicationUrl>http://eur-lex.europa.eu/a</publicationUrl>
    </regulation>
    <regulation regulationType="regulation" organisationType="council" publicationDate="2003-12-22" entryIntoForceDate="2003-12-22" numberTitle="2003/902/EC (OJ L340)" programme="TERR" logicalId="686">
      <publicationUrl>http://eur-lex.europa.eu/b</publicationUrl>
    </regulation>
    <regulation regulationType="regulation" organisationType="commission" publicationDate="2003-07-08" entryIntoForceDate="2003-07-07" numberTitle="1210/2003 (OJ L169)" programme="IRQ" logicalId="348">
      <publicationUrl>http://eur-lex.europa.eu/c</publicationUrl>
    </regulation>
    <subjectType code="person" classificationCode="P"/>
    <nameAlias firstName="Saddam" middleName="" lastName="Hussein Al-Tikriti" wholeName="Saddam Hussein Al-Tikriti" function="Former President" gender="M" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="17">{SUMMARY}</nameAlias>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Abu Ali" function="" gender="" title="" nameLanguage="" strong="false" regulationLanguage="en" logicalId="19">{SUMMARY}</nameAlias>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Саддам Хюсеин" function="" gender="" title="" nameLanguage="BG" strong="true" regulationLanguage="en" logicalId="5659">{SUMMARY}</nameAlias>
    <citizenship region="" countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage="en" logicalId="1">{SUMMARY}</citizenship>
    <birthdate circa="false" calendarType="GREGORIAN" city="al-Awja, near Tikrit" zipCode="" birthdate="1937-04-28" dayOfMonth="28" monthOfYear="4" year="1937" region="" place="" countryIso2Code="IQ" countryDescription="IRAQ" regulationLanguage="en" logicalId="1">{SUMMARY}</birthdate>
    <birthdate circa="false" calendarType="GREGORIAN" city="" zipCode="" year="1938" region="" place="" countryIso2Code="00" countryDescription="UNKNOWN" regulationLanguage="en" logicalId="2"/>
    <birthdate circa="false" calendarType="GREGORIAN" birthdate="" dayOfMonth="" monthOfYear="3" year="1939" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="3"/>
    <birthdate circa="true" calendarType="GREGORIAN" year="1940" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="4"/>
    <birthdate circa="false" yearRangeFrom="1935" yearRangeTo="1941" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="5"/>
    <birthdate circa="false" dayOfMonth="31" monthOfYear="2" year="1937" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="6"/>
    <identification diplomatic="false" knownExpired="false" knownFalse="false" reportedLost="false" revokedByIssuer="false" issuedBy="" latinNumber="" nameOnDocument="" number="AD 001095" region="" countryIso2Code="IQ" countryDescription="IRAQ" identificationTypeCode="passport" identificationTypeDescription="National passport" regulationLanguage="en" logicalId="315">
      <remark>(passport)</remark>
      {SUMMARY}
    </identification>
  </sanctionEntity>
  <sanctionEntity designationDate="2022-06-03" designationDetails="" unitedNationId="" euReferenceNumber="EU.7166.77" logicalId="207">
    <regulation regulationType="regulation" organisationType="council" publicationDate="2022-06-03" entryIntoForceDate="2022-06-03" numberTitle="2022/880 (OJ L153)" programme="RUS" logicalId="140000">
      <publicationUrl>http://eur-lex.europa.eu/d</publicationUrl>
    </regulation>
    <subjectType code="enterprise" classificationCode="E"/>
    <nameAlias firstName="" middleName="" lastName="" wholeName="Example Shipping LLC" function="" title="" nameLanguage="" strong="true" regulationLanguage="en" logicalId="6068"/>
    <address city="Moscow" street="Tverskaya 12" poBox="" zipCode="125009" region="" place="" asAtListingTime="true" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" regulationLanguage="en" logicalId="172">
      <remark>Head office</remark>
      <contactInfo key="PHONE" value="+7 495 000 00 00"/>
      <contactInfo key="WEB" value="https://example.ru"/>
    </address>
    <address city="" street="" poBox="" zipCode="" region="" place="" asAtListingTime="false" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="173"/>
    <identification number="1027700132195" identificationTypeCode="regnumber" identificationTypeDescription="Registration Number" countryIso2Code="RU" countryDescription="RUSSIAN FEDERATION" logicalId="428"/>
    <identification number="M0887925" identificationTypeCode="other" identificationTypeDescription="Other identification number" countryIso2Code="00" countryDescription="UNKNOWN" logicalId="9"/>
  </sanctionEntity>
  <sanctionEntity designationDate="2011-03-21" delistingDate="2025-01-15" designationDetails="" unitedNationId="" euReferenceNumber="EU.999.1" logicalId="300">
    <subjectType code="person" classificationCode="P"/>
    <nameAlias wholeName="Delisted Person" strong="true" logicalId="7000"/>
  </sanctionEntity>
</export>
"""


def write(folder: Path, text: str = EDGE, name: str = "xmlFullSanctionsList_1_1.xml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path
