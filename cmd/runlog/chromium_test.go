package main

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// chromium finds Debian's headless-capable browser (.ci/run installs it);
// the test skips without it.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("chromium not found (Debian: apt-get install chromium; .ci/run installs it): skipping the browser test of the HTML report")
	return ""
}

// runChromium runs headless Chromium on page with args, in a profile of
// its own, and returns stdout and stderr (its log, console included).
func runChromium(t *testing.T, bin, page string, args ...string) (string, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	all := append([]string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--enable-logging=stderr", "--v=0"}, args...)
	cmd := exec.CommandContext(ctx, bin, append(all, "file://"+page)...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s", bin, err, errOut.String())
	}
	return out.String(), errOut.String()
}

// consoleErrors are the lines of Chromium's log where the page wrote to
// the console or threw.
func consoleErrors(log string) []string {
	var bad []string
	for _, l := range strings.Split(log, "\n") {
		if strings.Contains(l, ":CONSOLE") || strings.Contains(l, "Uncaught") {
			bad = append(bad, l)
		}
	}
	return bad
}

// TestHTMLInChromium opens the demo athlete's HTML report in headless
// Chromium: the DOM holds every chart as an SVG of non-zero size with its
// text alternative, nothing reaches the console, and a screenshot shows
// the charts' own colours in both columns of the chart grid, where a
// chart that did not render would leave the page white.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	dir := t.TempDir()
	page := filepath.Join(dir, "demo.html")
	t.Chdir(filepath.Join("..", ".."))
	var out, errOut bytes.Buffer
	if code := Main(demoArgs("html", "--out", page), &out, &errOut); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	src, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	// The demo has 5 numb runs: the weeks, the speed chart and 5 runs.
	const charts = 7
	if n := strings.Count(string(src), "<figure"); n != charts {
		t.Fatalf("the report has %d figures, want %d", n, charts)
	}

	// The detector is checked first on a page that does err, so that a
	// quiet log means a quiet page and not a log in another format.
	noisy := filepath.Join(dir, "noisy.html")
	os.WriteFile(noisy, []byte(`<html><body><script>nope();</script></body></html>`), 0o644)
	if _, log := runChromium(t, bin, noisy, "--dump-dom"); len(consoleErrors(log)) == 0 {
		t.Fatalf("a page that throws left no console line in Chromium's log; the check cannot see errors:\n%s", log)
	}

	dom, log := runChromium(t, bin, page, "--dump-dom")
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console output opening the report:\n%s", strings.Join(bad, "\n"))
	}
	svgs := regexp.MustCompile(`<svg role="img" aria-label="([^"]+)" width="([0-9.]+)pt" height="([0-9.]+)pt"`).FindAllStringSubmatch(dom, -1)
	if len(svgs) != charts {
		t.Fatalf("the DOM holds %d charts, want %d", len(svgs), charts)
	}
	for _, m := range svgs {
		w, _ := strconv.ParseFloat(m[2], 64)
		h, _ := strconv.ParseFloat(m[3], 64)
		if w < 300 || h < 200 || len(m[1]) < 40 {
			t.Errorf("chart %.0f×%.0f pt with text alternative %q", w, h, m[1])
		}
	}
	if n := strings.Count(dom, "<figcaption"); n != charts {
		t.Errorf("%d captions for %d charts", n, charts)
	}

	shot := filepath.Join(dir, "shot.png")
	_, log = runChromium(t, bin, page, "--screenshot="+shot, "--window-size=1200,3000")
	if bad := consoleErrors(log); len(bad) > 0 {
		t.Errorf("console output taking the screenshot:\n%s", strings.Join(bad, "\n"))
	}
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v\n%s", err, log)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range chartPixelProblems(img) {
		t.Error(p)
	}
}

// TestChartPixelProblems: a white page, and a page with a chart in one
// column only, are seen as charts that did not render.
func TestChartPixelProblems(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 400, 300))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	if p := chartPixelProblems(img); len(p) < 4 {
		t.Errorf("a white page: %q", p)
	}
	for i, c := range []color.RGBA{{0xc0, 0x39, 0x2b, 255}, {0x1f, 0x6f, 0xb4, 255}, {0x2e, 0x8b, 0x57, 255}} {
		draw.Draw(img, image.Rect(10, 10+i*40, 190, 40+i*40), image.NewUniform(c), image.Point{}, draw.Src)
	}
	if p := chartPixelProblems(img); len(p) != 3 {
		t.Errorf("charts in the left column only: %q", p)
	}
	for i, c := range []color.RGBA{{0xc0, 0x39, 0x2b, 255}, {0x1f, 0x6f, 0xb4, 255}, {0x2e, 0x8b, 0x57, 255}} {
		draw.Draw(img, image.Rect(210, 10+i*40, 390, 40+i*40), image.NewUniform(c), image.Point{}, draw.Src)
	}
	if p := chartPixelProblems(img); len(p) != 0 {
		t.Errorf("charts in both columns: %q", p)
	}
}

// chartPixelProblems counts the pixels of the charts' colours (report's
// colNumb, colClean, colContact; the page's CSS uses none of them) in the
// left and right halves of the screenshot, and says what is missing.
func chartPixelProblems(img image.Image) []string {
	var problems []string
	colours := map[string][3]int{"numb red": {0xc0, 0x39, 0x2b}, "cadence blue": {0x1f, 0x6f, 0xb4}, "contact green": {0x2e, 0x8b, 0x57}}
	b := img.Bounds()
	mid := b.Min.X + b.Dx()/2
	count := map[string][2]int{}
	white := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			p := [3]int{int(r >> 8), int(g >> 8), int(bl >> 8)}
			if p == [3]int{255, 255, 255} {
				white++
			}
			for name, c := range colours {
				if abs(p[0]-c[0]) <= 12 && abs(p[1]-c[1]) <= 12 && abs(p[2]-c[2]) <= 12 {
					n := count[name]
					if x < mid {
						n[0]++
					} else {
						n[1]++
					}
					count[name] = n
				}
			}
		}
	}
	if white > b.Dx()*b.Dy()*98/100 {
		problems = append(problems, fmt.Sprintf("the screenshot is %d%% white", white*100/(b.Dx()*b.Dy())))
	}
	for _, name := range []string{"numb red", "cadence blue", "contact green"} {
		if n := count[name]; n[0] < 200 || n[1] < 200 {
			problems = append(problems, fmt.Sprintf("%s: %d pixels in the left half, %d in the right: a chart did not render", name, n[0], n[1]))
		}
	}
	return problems
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
