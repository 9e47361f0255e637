package synth

import "github.com/shoulder-dev/shoulder/internal/state"

// cognito generates region r's Cognito pools (0.01% of resources each,
// else one region in four): identity pools, a fifth with guest access;
// user pools, most with a strong password policy, a quarter short on
// length or character classes, a tenth with long-lived temporary passwords.
func (g *gen) cognito(r string) {
	for k := count(g.n, "cognitopool") / len(g.regions); k >= 0; k-- {
		if k == 0 && !g.chance(25) {
			break
		}
		id := r + ":" + g.id("")
		g.a.Cognito.IdentityPools = append(g.a.Cognito.IdentityPools, state.IdentityPool{
			Meta: state.Meta{ARN: g.arn("cognito-identity", r, "identitypool/"+id), Region: r}, ID: id, Name: g.id("ids-"), AllowUnauthenticated: g.chance(20)})
		uid := r + "_" + g.id("")
		p := state.UserPoolPasswordPolicy{MinimumLength: 8 + g.rng.IntN(7), RequireUppercase: true, RequireLowercase: true, RequireNumbers: true,
			RequireSymbols: true, TemporaryPasswordValidityDays: 7}
		if g.chance(25) {
			p.MinimumLength, p.RequireSymbols = 6, g.coin()
		}
		if g.chance(10) {
			p.TemporaryPasswordValidityDays = 30
		}
		g.a.Cognito.UserPools = append(g.a.Cognito.UserPools, state.UserPool{
			Meta: state.Meta{ARN: g.arn("cognito-idp", r, "userpool/"+uid), Region: r}, ID: uid, Name: g.id("users-"), PasswordPolicy: &p})
	}
}
