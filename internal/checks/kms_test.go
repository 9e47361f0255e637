package checks

import (
	"time"

	"github.com/shoulder-dev/shoulder/internal/policy"
	"github.com/shoulder-dev/shoulder/internal/state"
)

const dsKeyARN = "arn:aws:kms:eu-west-1:" + testAccountID + ":key/k1"

// dsKey adds a customer managed symmetric key k1 in eu-west-1, edited by mut.
func dsKey(mut func(k *state.Key)) func(*state.Account) {
	return func(a *state.Account) {
		k := state.Key{Meta: state.Meta{ARN: dsKeyARN, Region: "eu-west-1"}, ID: "k1", Aliases: []string{"alias/app"},
			Manager: "CUSTOMER", Origin: "AWS_KMS", State: "Enabled", Usage: "ENCRYPT_DECRYPT", Spec: "SYMMETRIC_DEFAULT"}
		if mut != nil {
			mut(&k)
		}
		a.KMS.Keys = append(a.KMS.Keys, k)
	}
}

func dsAWSKey(a *state.Account) {
	a.KMS.Keys = append(a.KMS.Keys, state.Key{Meta: state.Meta{ARN: "arn:aws:kms:eu-west-1:" + testAccountID + ":key/aws-ebs", Region: "eu-west-1"},
		ID: "aws-ebs", Aliases: []string{"alias/aws/ebs"}, Manager: "AWS", Origin: "AWS_KMS", State: "Enabled", Spec: "SYMMETRIC_DEFAULT"})
}

func pendingDeletion(k *state.Key) {
	k.State = "PendingDeletion"
	d := testTime.Add(5 * 24 * time.Hour)
	k.DeletionDate = &d
}

func kmsCases() map[string][]checkCase {
	keyOp := func(op string) checkCase {
		return checkCase{name: op + " denied", acct: baseAccount(dsKey(nil), dsGap("kms", "eu-west-1", op, dsKeyARN)), want: dsWant(dsU)}
	}
	listDenied := checkCase{name: "list denied in eu", acct: baseAccount(dsKey(nil), dsGap("kms", "eu-west-1", "ListKeys", "")), want: dsWant(dsU)}
	trusting := &policy.Policy{TrustedAccounts: []string{"444455556666"}}
	grant := func(principal string) func(*state.Key) {
		return func(k *state.Key) {
			k.Grants = []state.Grant{{ID: "g1", GranteePrincipal: principal, Operations: []string{"Decrypt"}}}
		}
	}
	// A confidential RDS instance encrypted under ref in eu-west-1.
	db := func(ref string, tags map[string]string) func(*state.Account) {
		return func(a *state.Account) {
			a.RDS.Instances = append(a.RDS.Instances, state.DBInstance{Meta: state.Meta{ARN: "arn:aws:rds:eu-west-1:" + testAccountID + ":db:orders", Region: "eu-west-1", Tags: tags},
				ID: "orders", Engine: "postgres", StorageEncrypted: ref != "", KMSKeyID: ref})
		}
	}
	m := kmsPolicyCases()
	for id, cs := range map[string][]checkCase{
		"kms_key_rotation_enabled": {
			{name: "rotating", acct: baseAccount(dsKey(func(k *state.Key) { k.RotationEnabled, k.RotationPeriodDays = true, 365 })), want: dsWant(dsP), msg: "365 days"},
			{name: "not rotating", acct: baseAccount(dsKey(nil)), want: dsWant(dsF), msg: "alias/app"},
			{name: "aws managed", acct: baseAccount(dsAWSKey), want: dsWant(dsNA), msg: "AWS managed"},
			{name: "asymmetric", acct: baseAccount(dsKey(func(k *state.Key) { k.Spec, k.Usage = "RSA_2048", "SIGN_VERIFY" })), want: dsWant(dsNA)},
			{name: "imported", acct: baseAccount(dsKey(func(k *state.Key) { k.Origin = "EXTERNAL" })), want: dsWant(dsNA), msg: "EXTERNAL"},
			{name: "pending deletion", acct: baseAccount(dsKey(pendingDeletion)), want: dsWant(dsNA)},
			keyOp("GetKeyRotationStatus"),
			listDenied,
		},
		"kms_key_not_pending_deletion": {
			{name: "enabled", acct: baseAccount(dsKey(nil)), want: dsWant(dsP)},
			{name: "pending", acct: baseAccount(dsKey(pendingDeletion)), want: dsWant(dsF), msg: "in 5 days"},
			{name: "aws managed", acct: baseAccount(dsAWSKey), want: dsWant(dsNA)},
			keyOp("DescribeKey"),
			listDenied,
		},
		"kms_key_pending_deletion_in_use": {
			{name: "unused", acct: baseAccount(dsKey(pendingDeletion)), want: dsWant(dsP)},
			{name: "protects a database by ARN", acct: baseAccount(dsKey(pendingDeletion), db(dsKeyARN, nil)), want: dsWant(dsF), msg: "db:orders"},
			{name: "protects a bucket by alias", acct: baseAccount(dsKey(pendingDeletion), dsBucket("data", func(b *state.Bucket) {
				b.Encryption = &state.BucketEncryption{Algorithm: "aws:kms", KMSKeyID: "alias/app"}
			})), want: dsWant(dsF), msg: "arn:aws:s3:::data"},
			{name: "protects a recovery point", acct: baseAccount(dsKey(pendingDeletion), func(a *state.Account) {
				a.Backup.RecoveryPoints = []state.RecoveryPoint{{Meta: state.Meta{ARN: "arn:aws:backup:eu-west-1:" + testAccountID + ":recovery-point:rp1", Region: "eu-west-1"}, EncryptionKeyARN: dsKeyARN, Encrypted: true}}
			}), want: dsWant(dsF), msg: "recovery-point:rp1"},
			{name: "enabled key is not reported", acct: baseAccount(dsKey(nil), db(dsKeyARN, nil)), want: nil},
			{name: "unused but RDS listing failed", acct: baseAccount(dsKey(pendingDeletion), dsGap("rds", "eu-west-1", "DescribeDBInstances", "")), want: dsWant(dsU), msg: "incomplete"},
			{name: "unused, listing failed elsewhere", acct: baseAccount(dsKey(pendingDeletion), dsGap("rds", "us-east-1", "DescribeDBInstances", "")), want: dsWant(dsP)},
			listDenied,
		},
		"kms_key_grants_trusted": {
			{name: "own account", acct: baseAccount(dsKey(grant("arn:aws:iam::" + testAccountID + ":role/app"))), want: dsWant(dsP)},
			{name: "trusted partner", acct: baseAccount(dsKey(grant("arn:aws:iam::444455556666:role/etl"))), pol: trusting, want: dsWant(dsP)},
			{name: "untrusted partner", acct: baseAccount(dsKey(grant("arn:aws:iam::777788889999:role/etl"))), pol: trusting, want: dsWant(dsF), msg: "777788889999"},
			{name: "partner without policy", acct: baseAccount(dsKey(grant("arn:aws:iam::444455556666:role/etl"))), want: dsWant(dsF)},
			{name: "service principal", acct: baseAccount(dsKey(grant("dynamodb.amazonaws.com"))), want: dsWant(dsP)},
			{name: "aws managed", acct: baseAccount(dsAWSKey), want: dsWant(dsNA)},
			keyOp("ListGrants"),
		},
		"kms_data_store_custody": {
			{name: "sensitive on cmk", acct: baseAccount(dsKey(nil), db(dsKeyARN, dsSensitive)), want: dsWant(dsP), msg: "customer_managed"},
			{name: "sensitive on aws managed", acct: baseAccount(dsAWSKey, db("alias/aws/rds", dsSensitive)), want: dsWant(dsF), msg: "aws_managed"},
			{name: "sensitive unencrypted", acct: baseAccount(db("", dsSensitive)), want: dsWant(dsF), msg: "none"},
			{name: "internal", acct: baseAccount(db("", dsInternal)), want: dsWant(dsNA)},
			{name: "policy wildcard", acct: baseAccount(db("alias/aws/rds", dsInternal)), pol: &policy.Policy{RequiredCustody: map[string]string{"*": "aws_managed"}}, want: dsWant(dsP)},
			{name: "policy per class beats wildcard", acct: baseAccount(dsKey(nil), db(dsKeyARN, dsSensitive)),
				pol: &policy.Policy{RequiredCustody: map[string]string{"*": "aws_managed", "Confidential": "cloudhsm"}}, want: dsWant(dsF), msg: "below the required cloudhsm"},
			{name: "policy silent on class", acct: baseAccount(db("", dsSensitive)), pol: &policy.Policy{RequiredCustody: map[string]string{"public": "none"}}, want: dsWant(dsNA)},
			{name: "bad policy level", acct: baseAccount(db("", dsSensitive)), pol: &policy.Policy{RequiredCustody: map[string]string{"*": "vault"}}, want: dsWant(dsU), msg: "invalid"},
			{name: "key not collected", acct: baseAccount(db("arn:aws:kms:eu-west-1:999999999999:key/x", dsSensitive)), want: dsWant(dsU), msg: "not in the collected"},
			{name: "bucket encryption denied", acct: baseAccount(dsBucket("data", func(b *state.Bucket) { b.Tags = dsSensitive }), dsGap("s3", "eu-west-1", "GetBucketEncryption", "arn:aws:s3:::data")),
				want: dsWant(dsU)},
			{name: "listing failed", acct: baseAccount(db(dsKeyARN, dsSensitive), dsKey(nil), dsGap("dynamodb", "us-east-1", "ListTables", "")), want: dsWant(dsU, dsP)},
		},
	} {
		m[id] = append(m[id], cs...)
	}
	return m
}

func kmsPolicyCases() map[string][]checkCase {
	own := `{"Sid":"Owner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::` + testAccountID + `:root"},"Action":"kms:*","Resource":"*"}`
	anyone := `{"Sid":"Anyone","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*"}`
	viaService := `{"Sid":"ViaS3","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:ViaService":"s3.eu-west-1.amazonaws.com"}}}`
	callerAccount := `{"Sid":"Callers","Effect":"Allow","Principal":{"AWS":"*"},"Action":"kms:Decrypt","Resource":"*","Condition":{"StringEquals":{"kms:CallerAccount":"` + testAccountID + `"}}}`
	partner := `{"Sid":"Partner","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::777788889999:root"},"Action":["kms:Decrypt","kms:DescribeKey"],"Resource":"*"}`
	withPolicy := func(stmts ...string) func(*state.Account) {
		return dsKey(func(k *state.Key) { k.Policy = dsDoc(stmts...) })
	}
	policyDenied := checkCase{name: "policy denied", acct: baseAccount(withPolicy(own), dsGap("kms", "eu-west-1", "GetKeyPolicy", dsKeyARN)), want: dsWant(dsU)}
	notCollected := checkCase{name: "policy not collected", acct: baseAccount(dsKey(nil)), want: dsWant(dsU)}
	garbled := checkCase{name: "garbled", acct: baseAccount(dsKey(func(k *state.Key) { k.Policy = `{"Statement":[{"Effect":"Maybe"}]}` })), want: dsWant(dsU)}
	awsKey := checkCase{name: "aws managed", acct: baseAccount(dsAWSKey), want: dsWant(dsNA)}

	iamPolicy := func(name, doc string, awsManaged bool) func(*state.Account) {
		return func(a *state.Account) {
			a.IAM.Policies = append(a.IAM.Policies, state.Policy{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":policy/" + name}, Name: name, Document: doc, AWSManaged: awsManaged, AttachmentCount: 1})
		}
	}
	decryptAll := dsDoc(`{"Effect":"Allow","Action":["kms:Decrypt"],"Resource":"*"}`)
	decryptOne := dsDoc(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"` + dsKeyARN + `"}`)
	adminAll := dsDoc(`{"Effect":"Allow","Action":"*","Resource":"*"}`)
	iamDenied := dsGap("iam", "", "GetAccountAuthorizationDetails", "")
	role := func(name string, sl bool, inline ...state.InlinePolicy) func(*state.Account) {
		return func(a *state.Account) {
			a.IAM.Roles = append(a.IAM.Roles, state.Role{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":role/" + name}, Name: name, ServiceLinked: sl, InlinePolicies: inline})
		}
	}
	user := func(name string, inline ...state.InlinePolicy) func(*state.Account) {
		return func(a *state.Account) {
			a.IAM.Users = append(a.IAM.Users, state.User{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":user/" + name}, Name: name, InlinePolicies: inline})
		}
	}
	return map[string][]checkCase{
		"kms_key_policy_not_public": {
			{name: "owner only", acct: baseAccount(withPolicy(own)), want: dsWant(dsP)},
			{name: "caller account pinned", acct: baseAccount(withPolicy(own, callerAccount)), want: dsWant(dsP)},
			{name: "anyone", acct: baseAccount(withPolicy(own, anyone)), want: dsWant(dsF), msg: "Anyone"},
			{name: "via service does not pin the caller", acct: baseAccount(withPolicy(own, viaService)), want: dsWant(dsF), msg: "ViaS3"},
			policyDenied, notCollected, garbled, awsKey,
		},
		"kms_key_policy_trusted": {
			{name: "owner only", acct: baseAccount(withPolicy(own)), want: dsWant(dsP)},
			{name: "partner trusted", acct: baseAccount(withPolicy(own, partner)), pol: &policy.Policy{TrustedAccounts: []string{"777788889999"}}, want: dsWant(dsP)},
			{name: "partner untrusted", acct: baseAccount(withPolicy(own, partner)), want: dsWant(dsF), msg: "777788889999 (kms:Decrypt, kms:DescribeKey)"},
			policyDenied, notCollected, awsKey,
		},
		"kms_iam_policy_no_decrypt_all": {
			{name: "scoped", acct: baseAccount(iamPolicy("scoped", decryptOne, false)), want: dsWant(dsP)},
			{name: "decrypt all", acct: baseAccount(iamPolicy("all", decryptAll, false)), want: dsWant(dsF), msg: "policy all"},
			{name: "admin covers decrypt", acct: baseAccount(iamPolicy("admin", adminAll, false)), want: dsWant(dsF)},
			// Resource patterns that match every key ARN (IAM User Guide,
			// "IAM JSON policy elements: Resource"; KMS key ARN format in the
			// AWS KMS Developer Guide, "Key identifiers"). Each passed before.
			{name: "every key by key ARN pattern", acct: baseAccount(iamPolicy("keys", dsDoc(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:*:*:key/*"}`), false)), want: dsWant(dsF)},
			{name: "every KMS resource", acct: baseAccount(iamPolicy("kmsall", dsDoc(`{"Effect":"Allow","Action":"kms:ReEncryptFrom","Resource":"arn:aws:kms:*"}`), false)), want: dsWant(dsF)},
			{name: "every partition", acct: baseAccount(iamPolicy("anypart", dsDoc(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:*:kms:*:*:*"}`), false)), want: dsWant(dsF)},
			{name: "keys of one region only", acct: baseAccount(iamPolicy("region", dsDoc(`{"Effect":"Allow","Action":"kms:Decrypt","Resource":"arn:aws:kms:eu-west-1:*:key/*"}`), false)), want: dsWant(dsP)},
			{name: "NotResource excluding every key", acct: baseAccount(iamPolicy("nokeys", dsDoc(`{"Effect":"Allow","Action":"kms:Decrypt","NotResource":"arn:aws:kms:*:*:key/*"}`), false)), want: dsWant(dsP)},
			{name: "NotResource excluding one key", acct: baseAccount(iamPolicy("mostkeys", dsDoc(`{"Effect":"Allow","Action":"kms:Decrypt","NotResource":"`+dsKeyARN+`"}`), false)), want: dsWant(dsF)},
			// Security Hub KMS.1: excludePermissionBoundaryPolicy: true.
			{name: "used only as a permissions boundary", acct: baseAccount(func(a *state.Account) {
				a.IAM.Policies = append(a.IAM.Policies, state.Policy{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":policy/fence"}, Name: "fence", Document: decryptAll})
				a.IAM.Roles = append(a.IAM.Roles, state.Role{Meta: state.Meta{ARN: "arn:aws:iam::" + testAccountID + ":role/dev"}, Name: "dev", PermissionsBoundary: "arn:aws:iam::" + testAccountID + ":policy/fence"})
			}), want: dsWant(dsNA), msg: "permissions boundary"},
			{name: "aws managed", acct: baseAccount(iamPolicy("AdministratorAccess", adminAll, true)), want: dsWant(dsNA)},
			{name: "garbled", acct: baseAccount(iamPolicy("bad", "{", false)), want: dsWant(dsU)},
			{name: "iam denied", acct: baseAccount(iamPolicy("all", decryptAll, false), iamDenied), want: dsWant(dsU)},
		},
		"kms_inline_policy_no_decrypt_all": {
			{name: "scoped role", acct: baseAccount(role("app", false, state.InlinePolicy{Name: "kms", Document: decryptOne})), want: dsWant(dsP)},
			{name: "user decrypt all", acct: baseAccount(user("ci", state.InlinePolicy{Name: "ok", Document: decryptOne}, state.InlinePolicy{Name: "wide", Document: decryptAll})), want: dsWant(dsF), msg: "wide"},
			{name: "no inline policies", acct: baseAccount(user("anna"), role("app", false)), want: nil},
			{name: "service-linked", acct: baseAccount(role("AWSServiceRoleForX", true, state.InlinePolicy{Name: "x", Document: adminAll})), want: dsWant(dsNA)},
			{name: "garbled", acct: baseAccount(role("app", false, state.InlinePolicy{Name: "bad", Document: "[]"})), want: dsWant(dsU)},
			{name: "iam denied", acct: baseAccount(iamDenied), want: dsWant(dsU)},
		},
	}
}
