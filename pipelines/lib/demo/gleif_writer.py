"""Write the GLEIF golden-copy XML files: LEI-CDF 3.1, RR-CDF 2.1 and reporting exceptions.

The layout copies the real golden-copy files byte for byte where it can: the XML
declaration followed directly by the root element, a header with ContentDate,
FileContent and RecordCount, one record per element with its namespace
declarations repeated on the record (as GLEIF does), three-space indentation.

Records are streamed into a body file; the header needs the final RecordCount, so
the published file is assembled (header + body + footer) when the writer closes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import ClassVar
from xml.sax.saxutils import escape

from pipelines.lib.demo.places import Address, Lou
from pipelines.lib.demo.world import CONTENT_DATE, Group, Org, Registration, Rel, RepEx

XSI = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
LEI_NS = "http://www.gleif.org/data/schema/leidata/2016"
RR_NS = "http://www.gleif.org/data/schema/rr/2016"
REPEX_NS = "http://www.gleif.org/data/schema/repex/2016"
EXT_NS = "http://www.gleif.org/data/schema/golden-copy/extensions/1.0"
XSD = 'xmlns:xsd="http://www.w3.org/2001/XMLSchema"'

HEADERS = {
    "lei2": (f'<lei:LEIData xmlns:lei="{LEI_NS}" {XSI}>', "lei:LEIHeader", "lei", "lei:LEIRecords",
             "lei:LEIData"),
    "rr": (f'<rr:RelationshipData  xmlns:rr="{RR_NS}" {XSI} {XSD}>', "rr:Header", "rr",
           "rr:RelationshipRecords", "rr:RelationshipData"),
    "repex": (f'<repex:ReportingExceptionData xmlns:repex="{REPEX_NS}" {XSI} {XSD}>',
              "repex:Header", "repex", "repex:ReportingExceptions", "repex:ReportingExceptionData"),
}


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;"})


def timestamp(day: date, lou: Lou) -> str:
    """A timestamp in the style of the issuing LOU (they differ in real files)."""
    clock = f"{day.toordinal() % 10 + 8:02d}:{day.toordinal() % 60:02d}:00"
    if lou.stamp == "Z":
        return f"{day.isoformat()}T{clock}Z"
    if lou.stamp == ".000Z":
        return f"{day.isoformat()}T{clock}.000Z"
    return f"{day.isoformat()}T{clock}{lou.stamp}"


def _address(tag: str, a: Address) -> str:
    lines = [f'      <lei:{tag} xml:lang="{a.lang}">',
             f"         <lei:FirstAddressLine>{_x(a.lines[0])}</lei:FirstAddressLine>"]
    lines += [f"         <lei:AdditionalAddressLine>{_x(x)}</lei:AdditionalAddressLine>"
              for x in a.lines[1:]]
    lines.append(f"         <lei:City>{_x(a.city)}</lei:City>")
    if a.region:
        lines.append(f"         <lei:Region>{a.region}</lei:Region>")
    lines.append(f"         <lei:Country>{a.country}</lei:Country>")
    if a.postal:
        lines.append(f"         <lei:PostalCode>{_x(a.postal)}</lei:PostalCode>")
    lines.append(f"      </lei:{tag}>")
    return "\n".join(lines)


def _names(outer: str, inner: str, names: Iterable[tuple[str, str, str]]) -> list[str]:
    items = [f'         <lei:{inner} xml:lang="{lang}" type="{kind}">{_x(text)}</lei:{inner}>'
             for kind, lang, text in names]
    return [f"      <lei:{outer}>", *items, f"      </lei:{outer}>"] if items else []


def _authority(org: Org, tag: str, prefix: str) -> list[str]:
    lines = [f"      <lei:{tag}>", f"         <lei:{prefix}ID>{org.ra_id}</lei:{prefix}ID>"]
    if org.ra_entity_id:
        lines.append(f"         <lei:{prefix}EntityID>{_x(org.ra_entity_id)}</lei:{prefix}EntityID>")
    lines.append(f"      </lei:{tag}>")
    return lines


def _entity(org: Org) -> list[str]:
    lines = ["   <lei:Entity>",
             f'      <lei:LegalName xml:lang="{org.lang}">{_x(org.legal_name)}</lei:LegalName>']
    lines += _names("OtherEntityNames", "OtherEntityName", org.other_names)
    lines += _names("TransliteratedOtherEntityNames", "TransliteratedOtherEntityName",
                    org.translit_names)
    lines += [_address("LegalAddress", org.legal_address),
              _address("HeadquartersAddress", org.hq_address)]
    lines += _authority(org, "RegistrationAuthority", "RegistrationAuthority")
    lines += [f"      <lei:LegalJurisdiction>{org.jurisdiction}</lei:LegalJurisdiction>",
              f"      <lei:EntityCategory>{org.category}</lei:EntityCategory>",
              "      <lei:LegalForm>",
              f"         <lei:EntityLegalFormCode>{org.elf}</lei:EntityLegalFormCode>"]
    if org.other_form:
        lines.append(f"         <lei:OtherLegalForm>{_x(org.other_form)}</lei:OtherLegalForm>")
    lines += ["      </lei:LegalForm>", f"      <lei:EntityStatus>{org.status}</lei:EntityStatus>"]
    if org.created:
        stamp = timestamp(org.created, org.registration.lou)[:10] + "T00:00:00.000Z"
        lines.append(f"      <lei:EntityCreationDate>{stamp}</lei:EntityCreationDate>")
    lines.append("   </lei:Entity>")
    return lines


def _registration(ns: str, reg: Registration) -> list[str]:
    lou = reg.lou
    return [f"   <{ns}:Registration>",
            f"      <{ns}:InitialRegistrationDate>{timestamp(reg.registered, lou)}"
            f"</{ns}:InitialRegistrationDate>",
            f"      <{ns}:LastUpdateDate>{timestamp(reg.updated, lou)}</{ns}:LastUpdateDate>",
            f"      <{ns}:RegistrationStatus>{reg.status}</{ns}:RegistrationStatus>",
            f"      <{ns}:NextRenewalDate>{timestamp(reg.renewal, lou)}</{ns}:NextRenewalDate>",
            f"      <{ns}:ManagingLOU>{lou.lei}</{ns}:ManagingLOU>",
            f"      <{ns}:ValidationSources>{reg.validation}</{ns}:ValidationSources>"]


def lei_record(org: Org) -> str:
    lines = [f"<lei:LEIRecord {XSI}", f'               xmlns:lei="{LEI_NS}"',
             f'               xmlns:gleif="{EXT_NS}">', f"   <lei:LEI>{org.lei}</lei:LEI>"]
    lines += _entity(org)
    lines += _registration("lei", org.registration)
    lines += _authority(org, "ValidationAuthority", "ValidationAuthority")
    lines += ["   </lei:Registration>", "   <lei:Extension/>", "</lei:LEIRecord>"]
    return "\n".join(lines) + "\n"


def _period(start: date, end: date | None, kind: str) -> list[str]:
    lines = ["         <rr:RelationshipPeriod>",
             f"            <rr:StartDate>{start.isoformat()}T00:00:00.000Z</rr:StartDate>"]
    if end:
        lines.append(f"            <rr:EndDate>{end.isoformat()}T00:00:00.000Z</rr:EndDate>")
    return [*lines, f"            <rr:PeriodType>{kind}</rr:PeriodType>",
            "         </rr:RelationshipPeriod>"]


def _node(tag: str, lei: str) -> list[str]:
    return [f"      <rr:{tag}>", f"         <rr:NodeID>{lei}</rr:NodeID>",
            "         <rr:NodeIDType>LEI</rr:NodeIDType>", f"      </rr:{tag}>"]


def _relationship(rel: Rel) -> list[str]:
    lines = ["   <rr:Relationship>", *_node("StartNode", rel.child), *_node("EndNode", rel.parent),
             f"      <rr:RelationshipType>{rel.rtype}</rr:RelationshipType>",
             "      <rr:RelationshipPeriods>"]
    if rel.accounting:
        lines += _period(*rel.accounting, "ACCOUNTING_PERIOD")
    lines += [*_period(rel.start, rel.end, "RELATIONSHIP_PERIOD"), "      </rr:RelationshipPeriods>",
              f"      <rr:RelationshipStatus>{rel.status}</rr:RelationshipStatus>"]
    if rel.standard:
        lines += ["      <rr:RelationshipQualifiers>", "         <rr:RelationshipQualifier>",
                  "            <rr:QualifierDimension>ACCOUNTING_STANDARD</rr:QualifierDimension>",
                  f"            <rr:QualifierCategory>{rel.standard}</rr:QualifierCategory>",
                  "         </rr:RelationshipQualifier>", "      </rr:RelationshipQualifiers>"]
    if rel.quantifier:
        lines += ["      <rr:RelationshipQuantifiers>", "         <rr:RelationshipQuantifier>",
                  "            <rr:MeasurementMethod>ACCOUNTING_CONSOLIDATION</rr:MeasurementMethod>",
                  f"            <rr:QuantifierAmount>{rel.quantifier}</rr:QuantifierAmount>",
                  "            <rr:QuantifierUnits>PERCENTAGE</rr:QuantifierUnits>",
                  "         </rr:RelationshipQuantifier>", "      </rr:RelationshipQuantifiers>"]
    return [*lines, "   </rr:Relationship>"]


def rr_record(rel: Rel) -> str:
    pad = " " * 23
    lines = [f"<rr:RelationshipRecord {XSI}", f'{pad}xmlns:gleif="{EXT_NS}"',
             f'{pad}xmlns:gleif_header="http://www.gleif.org/schema/golden-copy/header-extension/1.1"',
             f'{pad}xmlns:rr="{RR_NS}">', *_relationship(rel), *_registration("rr", rel.registration),
             f"      <rr:ValidationDocuments>{rel.documents}</rr:ValidationDocuments>"]
    if rel.reference:
        lines.append(f"      <rr:ValidationReference>{_x(rel.reference)}</rr:ValidationReference>")
    return "\n".join([*lines, "   </rr:Registration>", "</rr:RelationshipRecord>"]) + "\n"


def repex_record(exc: RepEx) -> str:
    return (f'<repex:Exception xmlns:repex="{REPEX_NS}">\n'
            f"   <repex:LEI>{exc.lei}</repex:LEI>\n"
            f"   <repex:ExceptionCategory>{exc.category}</repex:ExceptionCategory>\n"
            f"   <repex:ExceptionReason>{exc.reason}</repex:ExceptionReason>\n"
            "</repex:Exception>\n")


class GleifWriter:
    """Streams the three golden-copy files; call ``write(group)`` per group."""

    FILES: ClassVar[dict[str, str]] = {"lei2": "lei2-golden-copy.xml", "rr": "rr-golden-copy.xml",
             "repex": "repex-golden-copy.xml"}

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.counts = dict.fromkeys(self.FILES, 0)
        self._bodies = {k: (folder / f".{v}.part").open("w", encoding="utf-8", newline="\n")
                        for k, v in self.FILES.items()}

    def write(self, group: Group) -> None:
        for kind, records in (("lei2", [lei_record(o) for o in group.orgs]),
                              ("rr", [rr_record(r) for r in group.rels]),
                              ("repex", [repex_record(e) for e in group.exceptions])):
            self._bodies[kind].write("".join(records))
            self.counts[kind] += len(records)

    def __enter__(self) -> GleifWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 tb: TracebackType | None) -> None:
        for key, body in self._bodies.items():
            body.close()
            part = self.folder / f".{self.FILES[key]}.part"
            if kind is None:
                self._assemble(key, part)
            part.unlink()

    def _assemble(self, key: str, part: Path) -> None:
        root, header, ns, records, close = HEADERS[key]
        head = (f'<?xml version="1.0" encoding="UTF-8"?>{root}\n  <{header}>\n'
                f"    <{ns}:ContentDate>{CONTENT_DATE}</{ns}:ContentDate>\n"
                f"    <{ns}:FileContent>GLEIF_FULL_PUBLISHED</{ns}:FileContent>\n"
                f"    <{ns}:RecordCount>{self.counts[key]}</{ns}:RecordCount>\n"
                f"  </{header}>\n  <{records}>\n")
        with (self.folder / self.FILES[key]).open("w", encoding="utf-8", newline="\n") as out:
            out.write(head)
            out.flush()
            with part.open("r", encoding="utf-8") as body:
                shutil.copyfileobj(body, out, 1 << 20)
            out.write(f"  </{records}>\n</{close}>\n")
