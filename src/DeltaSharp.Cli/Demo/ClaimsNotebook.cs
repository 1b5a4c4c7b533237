namespace DeltaSharp.Cli.Demo;

/// <summary>
/// The statements of spec/demo-notebook-time-travel-and-clones.md that build the production claims table (steps 1
/// and 2), written as the document writes them. <c>deltasharp demo</c> runs them and the engine's DemoNotebookTests
/// (which compile this file in) check their results, so the demo shows exactly what the tests verify.
/// </summary>
internal static class ClaimsNotebook
{
    /// <summary>The document's catalog.</summary>
    public const string CatalogName = "quickstart_catalog_vkm_external";

    /// <summary>The document's schema.</summary>
    public const string SchemaName = "claims_analytics";

    /// <summary>The production claims table.</summary>
    public const string TableName = "member_claims_prod";

    /// <summary>Step 1: the table (version 0).</summary>
    public const string CreateTable = """
        CREATE OR REPLACE TABLE member_claims_prod (
          claim_id STRING,
          member_id STRING,
          provider_npi STRING,
          diagnosis_code STRING,
          claim_amount DECIMAL(10,2),
          service_date DATE,
          adjudication_status STRING,
          last_updated TIMESTAMP
        ) USING DELTA
        """;

    /// <summary>Step 1: the first five claims, CLM-001 to CLM-005 (version 1).</summary>
    public const string InsertFirstClaims = """
        INSERT INTO member_claims_prod VALUES
          ('CLM-001', 'MEM-78451', '1234567890', 'E11.9', 1250.00, '2025-01-15', 'PENDING', current_timestamp()),
          ('CLM-002', 'MEM-78452', '1234567891', 'I10', 450.75, '2025-01-16', 'APPROVED', current_timestamp()),
          ('CLM-003', 'MEM-78453', '1234567892', 'J44.0', 890.25, '2025-01-17', 'PENDING', current_timestamp()),
          ('CLM-004', 'MEM-78454', '1234567893', 'M79.3', 325.50, '2025-01-18', 'APPROVED', current_timestamp()),
          ('CLM-005', 'MEM-78455', '1234567894', 'F41.1', 675.00, '2025-01-19', 'PENDING', current_timestamp())
        """;

    /// <summary>Step 2: every pending claim approved (version 2).</summary>
    public const string ApprovePending =
        "UPDATE member_claims_prod SET adjudication_status = 'APPROVED' WHERE adjudication_status = 'PENDING'";

    /// <summary>Step 2: three more claims, CLM-006 to CLM-008 (version 3).</summary>
    public const string InsertMoreClaims = """
        INSERT INTO member_claims_prod VALUES
          ('CLM-006', 'MEM-78456', '1234567895', 'K21.9', 550.00, '2025-01-20', 'PENDING', current_timestamp()),
          ('CLM-007', 'MEM-78457', '1234567896', 'N18.3', 1875.50, '2025-01-21', 'UNDER_REVIEW', current_timestamp()),
          ('CLM-008', 'MEM-78458', '1234567897', 'E78.5', 290.00, '2025-01-22', 'APPROVED', current_timestamp())
        """;
}
