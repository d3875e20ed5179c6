// Package npmci installs the npm packages a test needs: the package.json
// and package-lock.json of a directory of the repository (and any other
// files named, such as the scripts that use them) are copied to a
// directory of the user cache named by their digest, where `npm ci`
// installs the locked versions once. Concurrent test runs never see a
// half-installed tree: the install happens beside the final place and is
// renamed into it.
package npmci

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Install installs the packages locked in src (package.json,
// package-lock.json) under the cache directory name, with the extra files
// of src beside them, and returns the installed directory.
func Install(src, name string, extra ...string) (string, error) {
	files := append([]string{"package.json", "package-lock.json"}, extra...)
	data := make([][]byte, len(files))
	h := sha256.New()
	for i, f := range files {
		b, err := os.ReadFile(filepath.Join(src, f))
		if err != nil {
			return "", fmt.Errorf("npmci: %w", err)
		}
		data[i] = b
		h.Write(b)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, name, hex.EncodeToString(h.Sum(nil)[:8]))
	if _, err := os.Stat(filepath.Join(dir, "node_modules", ".package-lock.json")); err == nil {
		return dir, nil
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", fmt.Errorf("npmci: %w", err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "install-*")
	if err != nil {
		return "", fmt.Errorf("npmci: %w", err)
	}
	defer os.RemoveAll(tmp)
	for i, f := range files {
		if err := os.WriteFile(filepath.Join(tmp, f), data[i], 0o644); err != nil {
			return "", fmt.Errorf("npmci: %w", err)
		}
	}
	cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error")
	cmd.Dir = tmp
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npmci: npm ci: %w\n%s", err, out)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if _, statErr := os.Stat(filepath.Join(dir, "node_modules")); statErr != nil {
			return "", fmt.Errorf("npmci: %w", err)
		}
	}
	return dir, nil
}
