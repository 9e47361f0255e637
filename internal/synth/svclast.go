package synth

// svcLast adds what svc-last's checks read, after everything else so no
// earlier value changes. SSM.6: a fifth of the regions send SSM
// Automation script output to CloudWatch Logs; the rest keep AWS's
// default, None (the setting is off unless someone turns it on).
func (g *gen) svcLast() {
	for i := range g.a.SSM.RegionSettings {
		st := &g.a.SSM.RegionSettings[i]
		st.AutomationLogDestination = "None"
		if g.chance(20) {
			st.AutomationLogDestination = "CloudWatch"
		}
	}
}
