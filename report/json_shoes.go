package report

import (
	"time"

	"github.com/runlog/runlog/analysis"
)

// JSON of shoe mileage (issue 14 point 6; docs/json-schema.md): per run
// the distance its pair had run before it, and at the top the pairs and
// numb against clean runs on new and worn pairs.

// jsonShoeRun is embedded in jsonRun, after "gear".
type jsonShoeRun struct {
	// ShoeKmBefore: km the run's pair had run before it; null when the
	// shoe is unknown. ShoeKmFrom: "new", "stated" or "runs_given" (a
	// lower bound); null when the shoe is unknown.
	ShoeKmBefore *float64 `json:"shoe_km_before"`
	ShoeKmFrom   *string  `json:"shoe_km_from"`
	// ShoeNew, ShoeWorn: in a pair's first new_shoe_km, past
	// worn_shoe_km; null when not known.
	ShoeNew  *bool `json:"shoe_new"`
	ShoeWorn *bool `json:"shoe_worn"`
	// ShoePair: which pair of that shoe name (shoes.pairs[].pair); null
	// when the shoe is unknown.
	ShoePair *int `json:"shoe_pair"`
}

type jsonShoes struct {
	NewShoeKm    float64        `json:"new_shoe_km"`
	WornShoeKm   float64        `json:"worn_shoe_km"`
	RunsWithShoe int            `json:"runs_with_shoe"`
	Runs         int            `json:"runs"`
	Pairs        []jsonShoePair `json:"pairs"`
	New          *jsonShoeAge   `json:"new"`  // null when not known for numb and clean runs
	Worn         *jsonShoeAge   `json:"worn"` // the same
}

type jsonShoePair struct {
	Shoe         string   `json:"shoe"`
	Pair         int      `json:"pair"`
	StartFrom    string   `json:"start_from"` // new, stated, runs_given
	StartKm      *float64 `json:"start_km"`   // null when runs_given
	CountedKm    float64  `json:"counted_km"`
	KmAfterLast  float64  `json:"km_after_last_run"`
	AtLeast      bool     `json:"km_after_last_run_at_least"`
	FirstRun     string   `json:"first_run"`
	LastRun      string   `json:"last_run"`
	Runs         int      `json:"runs"`
	NumbRuns     int      `json:"numb_runs"`
	CleanRuns    int      `json:"clean_runs"`
	NewRuns      int      `json:"new_runs"`
	NewNumbRuns  int      `json:"new_numb_runs"`
	WornRuns     int      `json:"worn_runs"`
	WornNumbRuns int      `json:"worn_numb_runs"`
}

type jsonShoeAge struct {
	NumbYes        int      `json:"numb_yes"`
	NumbRuns       int      `json:"numb_runs"`
	CleanYes       int      `json:"clean_yes"`
	CleanRuns      int      `json:"clean_runs"`
	PValue         *float64 `json:"p_value"` // Fisher's exact test
	Interpretation string   `json:"interpretation"`
}

func toJSONShoeRun(r *analysis.RunResult) jsonShoeRun {
	var j jsonShoeRun
	if r.ShoeKmFrom == "" {
		return j
	}
	j.ShoeKmBefore, j.ShoeKmFrom = num(r.ShoeKmBefore, 1), str(r.ShoeKmFrom)
	if r.ShoePair > 0 {
		pair := r.ShoePair
		j.ShoePair = &pair
	}
	if is, known := r.ShoeNew(); known {
		j.ShoeNew = &is
	}
	if is, known := r.ShoeWorn(); known {
		j.ShoeWorn = &is
	}
	return j
}

func toJSONShoes(s *analysis.Shoes) jsonShoes {
	j := jsonShoes{NewShoeKm: analysis.NewShoeKm, WornShoeKm: analysis.WornShoeKm, RunsWithShoe: s.Named, Runs: s.Runs,
		Pairs: []jsonShoePair{}, New: toJSONShoeAge(s.New), Worn: toJSONShoeAge(s.Worn)}
	for i := range s.Pairs {
		p := &s.Pairs[i]
		j.Pairs = append(j.Pairs, jsonShoePair{Shoe: p.Shoe, Pair: p.Pair, StartFrom: p.From, StartKm: num(p.StartKm, 1),
			CountedKm: *num(p.CountedKm, 1), KmAfterLast: *num(p.LastKm, 1), AtLeast: p.LastKmAtLeast,
			FirstRun: p.First.UTC().Format(time.RFC3339), LastRun: p.Last.UTC().Format(time.RFC3339),
			Runs: p.Runs, NumbRuns: p.NumbRuns, CleanRuns: p.CleanRuns,
			NewRuns: p.NewRuns, NewNumbRuns: p.NewNumb, WornRuns: p.WornRuns, WornNumbRuns: p.WornNumb})
	}
	return j
}

func toJSONShoeAge(s *analysis.ShareComparison) *jsonShoeAge {
	if s == nil {
		return nil
	}
	return &jsonShoeAge{NumbYes: s.NumbYes, NumbRuns: s.NumbTotal, CleanYes: s.CleanYes, CleanRuns: s.CleanTotal,
		PValue: num(s.PValue, 4), Interpretation: s.Interpretation}
}
