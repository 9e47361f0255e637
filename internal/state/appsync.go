package state

// AppSync holds the account's AWS AppSync GraphQL APIs of every scanned
// region.
//
// Gaps: appsync ListGraphqlApis hides a region's APIs; GetApiCache (the
// API's cache, if any) is recorded per API ARN.
type AppSync struct {
	APIs []GraphQLAPI `json:"apis,omitempty"`
}

// GraphQLAPI is an AWS AppSync GraphQL API.
type GraphQLAPI struct {
	Meta
	ID   string `json:"id"`
	Name string `json:"name"`
	// AuthenticationType is the API's primary authorization mode: API_KEY,
	// AWS_IAM, AMAZON_COGNITO_USER_POOLS, OPENID_CONNECT or AWS_LAMBDA.
	AuthenticationType string `json:"authentication_type"`
	// AdditionalAuthenticationTypes are the additional authorization modes.
	AdditionalAuthenticationTypes []string `json:"additional_authentication_types,omitempty"`
	// FieldLogLevel is the log configuration's field-level logging (NONE,
	// ERROR, INFO, DEBUG or ALL); empty when the API has no log
	// configuration.
	FieldLogLevel string `json:"field_log_level,omitempty"`
	// Cache is the API's cache (GetApiCache); nil when it has none.
	Cache *AppSyncCache `json:"cache,omitempty"`
}

// AppSyncCache is an AppSync API cache.
type AppSyncCache struct {
	Type   string `json:"type,omitempty"`
	Status string `json:"status,omitempty"`
	// AtRestEncryption and TransitEncryption are set at creation and
	// cannot be changed afterwards.
	AtRestEncryption  bool `json:"at_rest_encryption"`
	TransitEncryption bool `json:"transit_encryption"`
}

// APIKeyAuth reports whether the API accepts API keys, as its primary or
// an additional authorization mode.
func (x GraphQLAPI) APIKeyAuth() bool {
	if x.AuthenticationType == "API_KEY" {
		return true
	}
	for _, t := range x.AdditionalAuthenticationTypes {
		if t == "API_KEY" {
			return true
		}
	}
	return false
}
