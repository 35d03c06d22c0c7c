-- BODS relationships as ownership and control links: one row per interest,
-- owner = interested party, subject = subject. A share is an interval, never
-- a midpoint (POLICY_RULES §5): exact -> [x, x]; minimum / exclusiveMinimum ->
-- a closed / open lower bound, likewise for the maximum; a missing end of a
-- stated range is 0 or 100 (closed); no share -> null bounds.
-- BODS interest type -> basis:
--   shareholding -> shares; votingRights -> votes;
--   appointmentOfBoard -> board_appointment;
--   otherInfluenceOrControl, rightsGrantedByContract,
--   conditionalRightsGrantedByContract, controlViaCompanyRulesOrArticles,
--   controlByLegalFramework, settlor, trustee, protector, nominator
--   -> significant_influence (control without a percentage);
--   rightsToSurplusAssetsOnDissolution, rightsToProfitOrIncome,
--   beneficiaryOfLegalArrangement, enjoymentAndUseOfAssets,
--   rightToProfitOrIncomeFromAssets -> economic (benefit, not control);
--   boardMember, boardChair -> board_member (a seat, not the right to appoint);
--   seniorManagingOfficial -> senior_management (BODS's fallback when no
--   owner is identified: not control); nominee -> nominee (holds for another);
--   unknownInterest, unpublishedInterest, no interest -> unknown.
-- GLEIF-derived BODS (Open Ownership pipelines) writes every Level 2
-- relationship as otherInfluenceOrControl and names the GLEIF type in
-- `details` ("Relationship Type: IS_ULTIMATELY_CONSOLIDATED_BY"); the GLEIF
-- type decides, as in canonical GLEIF rows (PROVENANCE note 6): consolidation
-- -> accounting_consolidation, fund management -> fund_management, sub-fund
-- and feeder -> fund_structure, branch -> branch.
-- Ends that are unspecified are not links: see bods__reporting_exceptions.
with statements as (
    select * from conformed.bods__statements
    where record_type = 'relationship'
        and subject_record is not null
        and interested_party_record is not null
),

interests as (
    select * from staging.stg_bods__interests
),

joined as (
    select
        s.*,
        i.interest_pos,
        i.interest_type,
        i.direct_or_indirect,
        i.share_exact,
        i.share_minimum,
        i.share_maximum,
        i.share_min_exclusive,
        i.share_max_exclusive,
        i.start_date as interest_start,
        i.end_date as interest_end,
        coalesce(i.details, '') as details
    from statements as s
    left join interests as i on i.statement_id = s.statement_id
),

final as (
    select
        hashed_id(
            'bods-rel', concat_ws('|', record_key, coalesce(interest_pos, -1))
        ) as relationship_id,
        hashed_id(
            'bods', concat_ws('|', coalesce(publisher_name, ''), interested_party_record)
        ) as owner_id,
        hashed_id('bods', concat_ws('|', coalesce(publisher_name, ''), subject_record)) as subject_id,
        case
            when regexp_matches(details, 'IS_(DIRECTLY|ULTIMATELY)_CONSOLIDATED_BY')
                or details = 'LEI-RelationshipRecord'
                then 'accounting_consolidation'
            when regexp_matches(details, 'IS_FUND-MANAGED_BY') then 'fund_management'
            when regexp_matches(details, 'IS_SUBFUND_OF|IS_FEEDER_TO') then 'fund_structure'
            when regexp_matches(details, 'IS_INTERNATIONAL_BRANCH_OF') then 'branch'
            when interest_type = 'shareholding' then 'shares'
            when interest_type = 'votingRights' then 'votes'
            when interest_type = 'appointmentOfBoard' then 'board_appointment'
            when interest_type in (
                'otherInfluenceOrControl', 'rightsGrantedByContract',
                'conditionalRightsGrantedByContract', 'controlViaCompanyRulesOrArticles',
                'controlByLegalFramework', 'settlor', 'trustee', 'protector', 'nominator'
            ) then 'significant_influence'
            when interest_type in (
                'rightsToSurplusAssetsOnDissolution', 'rightsToProfitOrIncome',
                'beneficiaryOfLegalArrangement', 'enjoymentAndUseOfAssets',
                'rightToProfitOrIncomeFromAssets'
            ) then 'economic'
            when interest_type in ('boardMember', 'boardChair') then 'board_member'
            when interest_type = 'seniorManagingOfficial' then 'senior_management'
            when interest_type = 'nominee' then 'nominee'
            else 'unknown'
        end as basis,
        coalesce(direct_or_indirect, 'unknown') as direct_or_indirect,
        case
            when share_exact is not null then share_exact
            when share_minimum is not null then share_minimum
            when share_maximum is not null then 0.0
        end as stake_lo,
        case
            when share_exact is not null then share_exact
            when share_maximum is not null then share_maximum
            when share_minimum is not null then 100.0
        end as stake_hi,
        case
            when share_exact is not null then true
            when share_minimum is not null then not share_min_exclusive
            else share_maximum is not null
        end as lo_inclusive,
        case
            when share_exact is not null then true
            when share_maximum is not null then not share_max_exclusive
            else share_minimum is not null
        end as hi_inclusive,
        iso_date(interest_start) as start_date,
        iso_date(interest_end) as end_date,
        case when record_status = 'closed' then 'closed' else 'active' end as status,
        interest_type as source_type,
        array_to_string(source_types, ',') as validation_sources,
        'bods' as source,
        -- subject | owner first, as graph.nodes reads stub names from them.
        concat_ws(
            '|', subject_record, interested_party_record, record_key, interest_pos
        ) as source_record,
        snapshot_id
    from joined
)

select * from final
