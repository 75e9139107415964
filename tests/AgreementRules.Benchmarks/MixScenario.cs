using System;
using System.Collections.Generic;
using AgreementRules.Evaluation;

namespace AgreementRules.Benchmarks
{
    /// <summary>
    /// A realistic mix over the shipped rules/ (JP-US-1988 with its Implementing Arrangement): an
    /// enrichment to 25 % with both consents on record, a reprocessing the Arrangement consents to in
    /// advance (programmatic consent), a transfer from the US to Japan with the US's notice on record,
    /// and a use of 3 kg of plutonium under too weak a protection (Annex B category I).
    /// <para>
    /// <see cref="HandWritten"/> is the floor: the same rules written as straight C# (every rule of the
    /// activity, every definition the answer reports, Kleene logic where a fact is missing) building
    /// the same <see cref="Decision"/>, field for field, out of the same kinds of objects, so its
    /// bytes per call are the size of the answer itself. <see cref="DecisionComparison"/> checks the
    /// two agree before anything is measured. It covers what the mix needs (agreements = JP-US-1988;
    /// enrich, reprocess, transfer, use; every rule decided) and refuses anything else.
    /// </para>
    /// </summary>
    public static class MixScenario
    {
        public static readonly (string name, Activity activity, Evidence evidence)[] Requests =
        {
            ("enrichment 25 %, consents on record",
                Activity.Create("enrich").With("agreements", new[] { "JP-US-1988" }).With("material", "uranium").With("enrichment", 25.0)
                    .With("quantity", 10_000.0).With("protection", "I"),
                Evidence.None.WithConsent("JP").WithConsent("US")),
            ("reprocessing, programmatic consent",
                Activity.Create("reprocess").With("agreements", new[] { "JP-US-1988" }).With("material", "uranium").With("enrichment", 3.0)
                    .With("irradiated", true).With("quantity", 5_000.0).With("facility", "tokai-reprocessing-plant"),
                Evidence.None),
            ("transfer US to JP, notice on record",
                Activity.Create("transfer").With("agreements", new[] { "JP-US-1988" }).With("material", "uranium").With("enrichment", 3.5)
                    .With("quantity", 1_000_000.0).With("supplier", "US").With("from", "US").With("to", "JP").With("recipient_authorized", true),
                Evidence.None.WithNotification("US")),
            ("Annex B category I, protection II",
                Activity.Create("use").With("agreements", new[] { "JP-US-1988" }).With("material", "plutonium").With("quantity", 3_000.0)
                    .With("protection", "II"),
                Evidence.None),
        };

        // ---- the rules, as a programmer would write them down: ids, citations, outcomes, trace lines ----

        private enum Kind { Permitted, Prohibited, Advisory, RequiresConsent, RequiresNotification, GrantsConsent }

        private sealed class Row
        {
            public Row(string id, string citation, Kind kind, string described, params string[] parties)
            {
                Id = id;
                Citation = "JP-US-1988 " + citation;
                Kind = kind;
                Parties = parties;
                Applies = $"{Citation} [{id}] applies: {described}";
                DoesNotApply = $"{Citation} [{id}] does not apply: {described}";
                ByGrant = "programmatic consent " + Citation;
                if (kind is Kind.RequiresConsent or Kind.RequiresNotification)
                {
                    var requirementKind = kind == Kind.RequiresConsent ? RequirementKind.Consent : RequirementKind.Notification;
                    Unsatisfied = new Requirement(requirementKind, parties, false, Citation, id, null);
                    OnRecord = new Requirement(requirementKind, parties, true, Citation, id,
                        kind == Kind.RequiresConsent ? "consent on record" : "notification on record");
                }
            }

            public string Id { get; }
            public string Citation { get; }
            public Kind Kind { get; }
            public string[] Parties { get; }
            public string Applies { get; }
            public string DoesNotApply { get; }
            public string ByGrant { get; }
            public Requirement? Unsatisfied { get; }
            public Requirement? OnRecord { get; }
            public bool Written => Kind == Kind.RequiresNotification;
        }

        private const string Suspended = "advisory: the programmatic consent of IA Art. 1 is suspended: the parties' agreement is needed case by case (IA Art. 3(3))";
        private const string ConsentJpUs = "requires consent of JP, US", GrantJpUs = "grants consent of JP, US in advance";

        private static readonly Row[] Enrich =
        {
            new("jp-us-art6-below-20", "Art. 6", Kind.Permitted, "permitted"),
            new("jp-us-art6-20-or-more", "Art. 6", Kind.RequiresConsent, ConsentJpUs, "JP", "US"),
            new("jp-us-art7-enrich", "Art. 7, Annex B", Kind.Prohibited, "prohibited"),
            new("jp-us-art8-enrich", "Art. 8(2)", Kind.Prohibited, "prohibited"),
        };

        private static readonly Row[] Reprocess =
        {
            new("ia-art1-1-a-i-reprocess", "IA Art. 1(1)(a)(i)", Kind.GrantsConsent, GrantJpUs, "JP", "US"),
            new("ia-art1-2-a-iii-reprocess", "IA Art. 1(2)(a)(iii)", Kind.GrantsConsent, GrantJpUs, "JP", "US"),
            new("ia-art1-3-a-i-reprocess", "IA Art. 1(3)(a)(i)", Kind.GrantsConsent, GrantJpUs, "JP", "US"),
            new("ia-art3-2-suspended-reprocess", "IA Art. 3(2)", Kind.Advisory, Suspended),
            new("jp-us-art5-1-reprocessing", "Art. 5(1)", Kind.RequiresConsent, ConsentJpUs, "JP", "US"),
            new("jp-us-art7-reprocess", "Art. 7, Annex B", Kind.Prohibited, "prohibited"),
            new("jp-us-art8-reprocess", "Art. 8(2)", Kind.Prohibited, "prohibited"),
        };

        private static readonly Row[] Transfer =
        {
            new("ia-art1-1-a-iii-transfer-irradiated", "IA Art. 1(1)(a)(iii)", Kind.GrantsConsent, GrantJpUs, "JP", "US"),
            new("ia-art1-1-b-transfer-leu", "IA Art. 1(1)(b)", Kind.GrantsConsent, GrantJpUs, "JP", "US"),
            new("ia-art1-2-b-transfer-for-irradiation", "IA Art. 1(2)(b)", Kind.GrantsConsent, GrantJpUs, "JP", "US"),
            new("ia-art1-3-a-ii-return-to-jp", "IA Art. 1(3)(a)(ii)", Kind.GrantsConsent, "grants consent of US in advance", "US"),
            new("ia-art1-3-a-ii-return-to-us", "IA Art. 1(3)(a)(ii)", Kind.GrantsConsent, "grants consent of JP in advance", "JP"),
            new("ia-art1-3-a-iii-plutonium-to-jp", "IA Art. 1(3)(a)(iii)", Kind.RequiresNotification, "requires written notification by JP or consent of US", "JP"),
            new("ia-art1-3-b-plutonium-to-jp", "IA Art. 1(3)(b)", Kind.RequiresConsent, "requires consent of US", "US"),
            new("ia-art1-3-a-iii-plutonium-to-us", "IA Art. 1(3)(a)(iii)", Kind.RequiresNotification, "requires written notification by US or consent of JP", "US"),
            new("ia-art1-3-b-plutonium-to-us", "IA Art. 1(3)(b)", Kind.RequiresConsent, "requires consent of JP", "JP"),
            new("ia-art3-2-suspended-transfer", "IA Art. 3(2)", Kind.Advisory, Suspended),
            new("jp-us-art2-1-b-no-sensitive-transfer", "Art. 2(1)(b)", Kind.Prohibited, "prohibited"),
            new("jp-us-art2-3-us-to-jp", "Art. 2(3)", Kind.RequiresNotification, "requires written notification by US", "US"),
            new("jp-us-art2-3-jp-to-us", "Art. 2(3)", Kind.RequiresNotification, "requires written notification by JP", "JP"),
            new("jp-us-art2-3-recipient-not-authorised", "Art. 2(3)", Kind.Prohibited, "prohibited"),
            new("jp-us-art4-outside-recipient-jurisdiction", "Art. 4", Kind.RequiresConsent, ConsentJpUs, "JP", "US"),
            new("jp-us-art4-authorised-person", "Art. 4", Kind.Permitted, "permitted"),
            new("jp-us-art4-unauthorised-person", "Art. 4", Kind.Prohibited, "prohibited"),
            new("jp-us-art7-transfer", "Art. 7, Annex B", Kind.Prohibited, "prohibited"),
            new("jp-us-art8-transfer", "Art. 8(2)", Kind.Prohibited, "prohibited"),
        };

        private static readonly Row[] Use =
        {
            new("jp-us-art7-use", "Art. 7, Annex B", Kind.Prohibited, "prohibited"),
            new("jp-us-art8-peaceful-use", "Art. 8(1)", Kind.Permitted, "permitted"),
            new("jp-us-art8-use", "Art. 8(2)", Kind.Prohibited, "prohibited"),
        };

        /// <summary>The definitions of every shipped file, in the order the rules declare them (the answer lists them so).</summary>
        private static readonly string[] DefinitionNames =
        {
            "jp_fr_between_the_parties", "jp_fr_art2_forbidden_purpose", "jp_fr_leaves_recipient_jurisdiction", "jp_fr_material_items",
            "jp_fr_assurances_complete", "jp_fr_art4_2_items", "jp_fr_art4_3_equipment", "jp_fr_art4_3_items", "jp_fr_to_supplier_jurisdiction",
            "ia_annex_1_in_parties", "ia_contains_heu_or_u233", "ia_in_the_parties_jurisdiction", "ia_effective_grams",
            "ia_from_third_country", "ia_recovered_plutonium", "ia_art1_3_a_iii_applies", "heu", "special_fissionable",
            "jp_us_art2_3_items", "jp_us_between_the_parties", "jp_us_art3_restricted", "jp_us_art4_leaves_recipient_jurisdiction", "jp_us_art5_2_restricted", "u235_grams", "category",
            "jp_us_art7_protection_below_category", "jp_us_art8_forbidden_purpose", "nuclear_material",
        };

        private static readonly object True = true, False = false;

        /// <summary>The request's facts, typed; null where the request does not give one (defaults applied).</summary>
        private struct Facts
        {
            public string? Material, Supplier, From, To, Facility, DestinationFacility, Purpose, Method, Protection, EquipmentKind;
            public double? Enrichment, Quantity, YearTotal;
            public bool? Irradiated, ContainsHeuOrU233, RecipientAuthorized, FacilityDesignated, DesignatedThirdCountry, ConsentSuspended,
                BasedOnSensitiveTechnology;
            public string[]? Agreements, Assurances;
        }

        public static Decision HandWritten(Activity activity, Evidence evidence)
        {
            var f = new Facts { Irradiated = false, Purpose = "peaceful", ConsentSuspended = false };
            var given = activity.Facts;
            for (var i = 0; i < given.Count; i++)
            {
                var (key, value) = (given[i].Key, given[i].Value);
                switch (key)
                {
                    case "agreements": f.Agreements = (string[]?)value; break;
                    case "material": f.Material = (string?)value; break;
                    case "enrichment": f.Enrichment = (double?)value; break;
                    case "quantity": f.Quantity = (double?)value; break;
                    case "irradiated": f.Irradiated = (bool?)value; break;
                    case "contains_heu_or_u233": f.ContainsHeuOrU233 = (bool?)value; break;
                    case "supplier": f.Supplier = (string?)value; break;
                    case "from": f.From = (string?)value; break;
                    case "to": f.To = (string?)value; break;
                    case "recipient_authorized": f.RecipientAuthorized = (bool?)value; break;
                    case "facility": f.Facility = (string?)value; break;
                    case "destination_facility": f.DestinationFacility = (string?)value; break;
                    case "facility_designated": f.FacilityDesignated = (bool?)value; break;
                    case "year_total": f.YearTotal = (double?)value; break;
                    case "designated_third_country": f.DesignatedThirdCountry = (bool?)value; break;
                    case "purpose": f.Purpose = (string?)value; break;
                    case "method": f.Method = (string?)value; break;
                    case "equipment_kind": f.EquipmentKind = (string?)value; break;
                    case "based_on_sensitive_technology": f.BasedOnSensitiveTechnology = (bool?)value; break;
                    case "assurances": f.Assurances = (string[]?)value; break;
                    case "protection": f.Protection = (string?)value; break;
                    case "consent_suspended": f.ConsentSuspended = (bool?)value; break;
                    default: throw new NotSupportedException("not in the vocabulary: " + key);
                }
            }
            if (f.Agreements is not { Length: 1 } || f.Agreements[0] != "JP-US-1988")
                throw new NotSupportedException("the hand-written rules are JP-US-1988's only");

            // ---- definitions (Kleene logic: null is unknown) ----
            var nuclearMaterial = In(f.Material, "uranium", "plutonium", "uranium-233", "thorium");
            var puOrU233 = In(f.Material, "plutonium", "uranium-233");
            var heu = Eq(f.Material, "uranium") & Ge(f.Enrichment, 20);
            var u235Grams = f.Quantity * f.Enrichment * 0.01;
            var category = Category(f, puOrU233, heu, u235Grams);
            var jpUsArt3Restricted = puOrU233 & !f.Irradiated | heu;
            var jpUsArt23Items = !In(f.Material, "sensitive-technology", "classified-information");
            var jpUsBetweenTheParties = Eq(f.From, "US") & Eq(f.To, "JP") | Eq(f.From, "JP") & Eq(f.To, "US");
            var jpUsArt4Leaves = Ne(f.To, "JP") & Ne(f.To, "US") | Eq(f.Supplier, "US") & Eq(f.To, "US") | Eq(f.Supplier, "JP") & Eq(f.To, "JP");
            var jpUsArt7Below = (f.Protection != null) &
                                (Eq(category, "I") & In(f.Protection, "II", "III") | Eq(category, "II") & Eq(f.Protection, "III"));
            var jpUsArt8Forbidden = In(f.Purpose, "nuclear-explosive", "military");
            var iaAnnex1InParties = In(f.Facility, IaAnnex1) & !In(f.Facility, IaAnnex1ThirdCountry);
            var iaInTheParties = Eq(f.From, "JP") | Eq(f.From, "US");
            var iaFromThirdCountry = !iaInTheParties;
            var iaContainsHeuOrU233 = f.ContainsHeuOrU233 | heu | Eq(f.Material, "uranium-233");
            var jpFrArt43Equipment = In(f.Material, "equipment", "component")
                                     & (In(f.EquipmentKind, "enrichment", "reprocessing", "heavy-water-production") | f.BasedOnSensitiveTechnology);
            var iaRecoveredPlutonium = Eq(f.Material, "plutonium") & !f.Irradiated;
            var iaArt13aiiiApplies = Ge(f.Quantity, 2000) & In(f.Facility, IaAnnex1ThirdCountry) & !f.ConsentSuspended;
            double? iaEffectiveGrams = puOrU233 == null ? null
                : puOrU233.Value ? f.Quantity
                : heu == null ? null
                : heu.Value ? f.Quantity * f.Enrichment * 0.01 * f.Enrichment * 0.01
                : 0;

            var values = new object?[DefinitionNames.Length];
            var next = 0;
            values[next++] = Box(Eq(f.From, "FR") & Eq(f.To, "JP") | Eq(f.From, "JP") & Eq(f.To, "FR"));
            values[next++] = Box(jpUsArt8Forbidden); // jp_fr_art2_forbidden_purpose: the same test as JP-US Art. 8
            values[next++] = Box(Ne(f.To, "JP") & Ne(f.To, "FR") | Eq(f.Supplier, "FR") & Ne(f.To, "JP") | Eq(f.Supplier, "JP") & Ne(f.To, "FR"));
            values[next++] = Box(!In(f.Material, "sensitive-technology", "classified-information"));
            values[next++] = Box(Has(f.Assurances, "peaceful-use") & (!nuclearMaterial | Has(f.Assurances, "iaea-safeguards") & Has(f.Assurances, "physical-protection")));
            values[next++] = Box(Ne(f.Material, "classified-information"));
            values[next++] = Box(jpFrArt43Equipment);
            values[next++] = Box(In(f.Material, "plutonium", "uranium-233", "heavy-water", "sensitive-technology") | Eq(f.Material, "uranium") & Ge(f.Enrichment, 20) | jpFrArt43Equipment);
            values[next++] = Box(Eq(f.Supplier, "FR") & Eq(f.To, "FR") | Eq(f.Supplier, "JP") & Eq(f.To, "JP"));
            values[next++] = Box(iaAnnex1InParties);
            values[next++] = Box(iaContainsHeuOrU233);
            values[next++] = Box(iaInTheParties);
            values[next++] = iaEffectiveGrams.HasValue ? iaEffectiveGrams.Value : DerivedFacts.Absent;
            values[next++] = Box(iaFromThirdCountry);
            values[next++] = Box(iaRecoveredPlutonium);
            values[next++] = Box(iaArt13aiiiApplies);
            values[next++] = Box(heu);
            values[next++] = Box(puOrU233 | Eq(f.Material, "uranium") & Gt(f.Enrichment, 0.711));
            values[next++] = Box(jpUsArt23Items);
            values[next++] = Box(jpUsBetweenTheParties);
            values[next++] = Box(jpUsArt3Restricted);
            values[next++] = Box(jpUsArt4Leaves);
            values[next++] = Box(puOrU233 | heu | f.Irradiated);
            values[next++] = u235Grams.HasValue ? u235Grams.Value : DerivedFacts.Absent;
            values[next++] = category ?? DerivedFacts.Absent;
            values[next++] = Box(jpUsArt7Below);
            values[next++] = Box(jpUsArt8Forbidden);
            values[next++] = Box(nuclearMaterial);
            if (next != DefinitionNames.Length) throw new InvalidOperationException("a definition without its value");
            var derived = new DerivedFacts(DefinitionNames, values);

            // ---- the rules of the activity, in the order the rules files give them ----
            Row[] rows;
            Span<bool?> status = stackalloc bool?[Transfer.Length]; // the most rules of any activity here
            switch (activity.Kind)
            {
                case "enrich":
                    rows = Enrich;
                    status[0] = Lt(f.Enrichment, 20);
                    status[1] = Ge(f.Enrichment, 20);
                    status[2] = jpUsArt7Below;
                    status[3] = jpUsArt8Forbidden;
                    break;
                case "reprocess":
                    rows = Reprocess;
                    status[0] = iaAnnex1InParties & !f.ConsentSuspended;
                    status[1] = f.FacilityDesignated & iaInTheParties & f.Irradiated & puOrU233 & Le(f.YearTotal + f.Quantity, 500) & !f.ConsentSuspended;
                    status[2] = In(f.Facility, IaAnnex1ThirdCountry) & !f.ConsentSuspended;
                    status[3] = f.ConsentSuspended;
                    status[4] = true;
                    status[5] = jpUsArt7Below;
                    status[6] = jpUsArt8Forbidden;
                    break;
                case "transfer":
                    rows = Transfer;
                    var toJp = Eq(f.To, "JP");
                    var toUs = Eq(f.To, "US");
                    status[0] = nuclearMaterial & f.Irradiated & !iaContainsHeuOrU233
                        & (In(f.Facility, IaAnnex1) | In(f.Facility, IaAnnex2) | In(f.Facility, IaAnnex3))
                        & In(f.DestinationFacility, IaAnnex1) & !f.ConsentSuspended;
                    status[1] = !f.Irradiated & (Eq(f.Material, "thorium") | Eq(f.Material, "uranium") & Lt(f.Enrichment, 20))
                        & Ne(f.Purpose, "heu-production") & !toJp & !toUs & f.DesignatedThirdCountry & !f.ConsentSuspended;
                    status[2] = f.FacilityDesignated & Eq(f.Material, "plutonium") & !f.Irradiated
                        & Eq(f.Purpose, "irradiation-testing") & !toJp & !toUs & (In(f.Facility, IaAnnex1) | In(f.Facility, IaAnnex2)) & Le(f.Quantity, 500)
                        & Le(f.YearTotal + f.Quantity, 500) & !f.ConsentSuspended;
                    status[3] = iaFromThirdCountry & toJp & nuclearMaterial & !iaRecoveredPlutonium & In(f.Facility, IaAnnex1ThirdCountry)
                        & !f.ConsentSuspended;
                    status[4] = iaFromThirdCountry & toUs & nuclearMaterial & !iaRecoveredPlutonium & In(f.Facility, IaAnnex1ThirdCountry)
                        & !f.ConsentSuspended;
                    status[5] = iaFromThirdCountry & toJp & iaRecoveredPlutonium & iaArt13aiiiApplies;
                    status[6] = iaFromThirdCountry & toJp & iaRecoveredPlutonium & !iaArt13aiiiApplies;
                    status[7] = iaFromThirdCountry & toUs & iaRecoveredPlutonium & iaArt13aiiiApplies;
                    status[8] = iaFromThirdCountry & toUs & iaRecoveredPlutonium & !iaArt13aiiiApplies;
                    status[9] = f.ConsentSuspended;
                    status[10] = In(f.Material, "classified-information", "sensitive-technology");
                    status[11] = Eq(f.From, "US") & toJp & jpUsArt23Items;
                    status[12] = Eq(f.From, "JP") & toUs & jpUsArt23Items;
                    status[13] = jpUsBetweenTheParties & jpUsArt23Items & !f.RecipientAuthorized;
                    status[14] = jpUsArt4Leaves;
                    status[15] = !jpUsArt4Leaves & f.RecipientAuthorized;
                    status[16] = !jpUsArt4Leaves & !f.RecipientAuthorized;
                    status[17] = jpUsArt7Below;
                    status[18] = jpUsArt8Forbidden;
                    break;
                case "use":
                    rows = Use;
                    status[0] = jpUsArt7Below;
                    status[1] = !jpUsArt8Forbidden;
                    status[2] = jpUsArt8Forbidden;
                    break;
                default:
                    throw new NotSupportedException("the hand-written rules cover enrich, reprocess, transfer and use");
            }
            return Decide(activity.Kind, rows, status.Slice(0, rows.Length), evidence, derived);
        }

        /// <summary>Decides once every rule is decided: a prohibition outranks all; requirements met by evidence or a programmatic consent.</summary>
        private static Decision Decide(string activity, Row[] rows, ReadOnlySpan<bool?> status, Evidence evidence, DerivedFacts derived)
        {
            var outcome = Outcome.Permitted;
            var speaks = false;
            var prohibited = false;
            var trace = new string[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                if (status[i] == null) throw new NotSupportedException($"'{rows[i].Id}' needs a fact the request does not give");
                var applies = status[i]!.Value;
                trace[i] = applies ? rows[i].Applies : rows[i].DoesNotApply;
                if (!applies) continue;
                if (rows[i].Kind == Kind.Prohibited) prohibited = true;
                if (rows[i].Kind is Kind.Permitted or Kind.RequiresConsent or Kind.RequiresNotification) speaks = true;
            }
            if (prohibited) outcome = Outcome.Prohibited;
            else if (!speaks) outcome = Outcome.Undetermined;

            List<Requirement>? requirements = null;
            List<string>? citations = null;
            for (var i = 0; i < rows.Length; i++)
            {
                if (status[i] != true) continue;
                var row = rows[i];
                if (row.Kind == Kind.Advisory) throw new NotSupportedException("the mix has no advisory that applies");
                // Written down here as its first alternative only: it would refuse what its 'or consent of' allows.
                if (row.Applies.Contains(" or consent of ")) throw new NotSupportedException($"the mix applies no requirement with alternatives ('{row.Id}')");
                if (prohibited && row.Kind != Kind.Prohibited) continue;
                if (row.Kind is Kind.RequiresConsent or Kind.RequiresNotification)
                {
                    var requirement = Requirement(row, rows, status, evidence);
                    if (!requirement.Satisfied && outcome < (row.Kind == Kind.RequiresConsent ? Outcome.ConsentRequired : Outcome.NotificationRequired))
                        outcome = row.Kind == Kind.RequiresConsent ? Outcome.ConsentRequired : Outcome.NotificationRequired;
                    (requirements ??= new List<Requirement>()).Add(requirement);
                }
                citations ??= new List<string>();
                if (!citations.Contains(row.Citation)) citations.Add(row.Citation);
            }
            return new Decision(outcome, (IReadOnlyList<Requirement>?)requirements ?? Array.Empty<Requirement>(),
                (IReadOnlyList<string>?)citations ?? Array.Empty<string>(), Array.Empty<string>(), trace, derived,
                Array.Empty<string>(), activity);
        }

        private static Requirement Requirement(Row row, Row[] rows, ReadOnlySpan<bool?> status, Evidence evidence)
        {
            string? by = null;
            foreach (var party in row.Parties)
            {
                if (row.Kind == Kind.RequiresNotification)
                {
                    if (!HasNotification(evidence, party, row.Written)) return row.Unsatisfied!;
                    by = "notification on record";
                    continue;
                }
                if (HasConsent(evidence, party)) { by ??= "consent on record"; continue; }
                Row? grant = null;
                for (var g = 0; g < rows.Length && grant == null; g++)
                    if (rows[g].Kind == Kind.GrantsConsent && status[g] == true && Array.IndexOf(rows[g].Parties, party) >= 0) grant = rows[g];
                if (grant == null) return row.Unsatisfied!;
                by = grant.ByGrant;
            }
            return ReferenceEquals(by, row.OnRecord!.SatisfiedBy) ? row.OnRecord
                : new Requirement(row.OnRecord.Kind, row.Parties, true, row.Citation, row.Id, by);
        }

        private static bool HasConsent(Evidence evidence, string party)
        {
            var consents = evidence.Consents;
            for (var i = 0; i < consents.Count; i++)
                if (consents[i].Party == party && consents[i].Prior) return true;
            return false;
        }

        private static bool HasNotification(Evidence evidence, string by, bool written)
        {
            var notifications = evidence.Notifications;
            for (var i = 0; i < notifications.Count; i++)
                if (notifications[i].By == by && notifications[i].Prior && (notifications[i].Written || !written)) return true;
            return false;
        }

        private static string? Category(in Facts f, bool? puOrU233, bool? heu, double? u235)
        {
            // case … end: the first branch that holds gives the value; one that cannot be decided makes it unknown.
            var uranium = Eq(f.Material, "uranium");
            bool? c;
            if ((c = puOrU233 & Ge(f.Quantity, 2000)) != false) return c == null ? null : "I";
            if ((c = puOrU233 & Gt(f.Quantity, 500)) != false) return c == null ? null : "II";
            if ((c = puOrU233 & Gt(f.Quantity, 15)) != false) return c == null ? null : "III";
            if ((c = heu & Ge(u235, 5000)) != false) return c == null ? null : "I";
            if ((c = heu & Gt(u235, 1000)) != false) return c == null ? null : "II";
            if ((c = heu & Gt(u235, 15)) != false) return c == null ? null : "III";
            if ((c = f.Irradiated & (Eq(f.Material, "thorium") | uranium & Lt(f.Enrichment, 10))) != false) return c == null ? null : "II";
            if ((c = uranium & Ge(f.Enrichment, 10) & Ge(u235, 10_000)) != false) return c == null ? null : "II";
            if ((c = uranium & Ge(f.Enrichment, 10) & Gt(u235, 1000)) != false) return c == null ? null : "III";
            if ((c = uranium & Gt(f.Enrichment, 0.711) & Ge(u235, 10_000)) != false) return c == null ? null : "III";
            return "none";
        }

        private static readonly string[] IaAnnex1 =
        {
            "tokai-reprocessing-plant", "high-level-radioactive-material-research-facility", "sellafield", "la-hague",
            "plutonium-conversion-technology-development-facility", "pfff",
        };
        private static readonly string[] IaAnnex1ThirdCountry = { "sellafield", "la-hague" };
        private static readonly string[] IaAnnex2 = { "fugen", "joyo", "mihama-1", "tsuruga-1", "tca", "fca", "dca" };
        private static readonly string[] IaAnnex3 =
        {
            "tokai", "tokai-daini", "tsuruga-2", "onagawa-1", "fukushima-daiichi-1", "fukushima-daiichi-2", "fukushima-daiichi-3",
            "fukushima-daiichi-4", "fukushima-daiichi-5", "fukushima-daiichi-6", "fukushima-daini-1", "fukushima-daini-2",
            "fukushima-daini-3", "fukushima-daini-4", "kashiwazaki-kariwa-1", "hamaoka-1", "hamaoka-2", "hamaoka-3", "mihama-2",
            "mihama-3", "takahama-1", "takahama-2", "takahama-3", "takahama-4", "oi-1", "oi-2", "shimane-1", "ikata-1", "ikata-2",
            "genkai-1", "genkai-2", "sendai-1", "sendai-2", "mutsu",
        };

        private static object Box(bool? b) => b == null ? DerivedFacts.Absent : b.Value ? True : False;
        private static bool? Eq(string? x, string c) => x == null ? null : x == c;
        private static bool? Ne(string? x, string c) => x == null ? null : x != c;
        private static bool? In(string? x, string a, string b) => x == null ? null : x == a || x == b;
        private static bool? In(string? x, string a, string b, string c) => x == null ? null : x == a || x == b || x == c;
        private static bool? In(string? x, string a, string b, string c, string d) => x == null ? null : x == a || x == b || x == c || x == d;
        private static bool? In(string? x, string[] set) => x == null ? null : Array.IndexOf(set, x) >= 0;
        private static bool? Has(string[]? list, string item) => list == null ? null : Array.IndexOf(list, item) >= 0;
        private static bool? Lt(double? x, double c) => x == null ? null : x.Value < c;
        private static bool? Le(double? x, double c) => x == null ? null : x.Value <= c;
        private static bool? Gt(double? x, double c) => x == null ? null : x.Value > c;
        private static bool? Ge(double? x, double c) => x == null ? null : x.Value >= c;
    }
}
