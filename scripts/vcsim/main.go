// vcsim-lite: a small vCenter API simulator for the vsphere-csi-lint tests.
//
// It wraps the simulator packages of govmomi (vim25 on /sdk, SPBM on /pbm, the vAPI REST
// endpoints on /rest), listens on 127.0.0.1 with an ephemeral port and a freshly generated
// certificate, applies a seed file through the public client APIs, and prints one line of
// JSON describing how to reach it. See README.md next to this file for the seed format.
//
// Built by setup.sh in GOPATH mode against Debian's golang-github-vmware-govmomi-dev.
package main

import (
	"bufio"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io/ioutil"
	"log"
	"math/big"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/vmware/govmomi"
	"github.com/vmware/govmomi/find"
	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/pbm"
	pbmtypes "github.com/vmware/govmomi/pbm/types"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vapi/rest"
	"github.com/vmware/govmomi/vapi/tags"
	"github.com/vmware/govmomi/vim25/types"

	// Endpoints registered next to /sdk.
	_ "github.com/vmware/govmomi/pbm/simulator"
	_ "github.com/vmware/govmomi/vapi/simulator"
)

// Seed is the JSON accepted by -seed. Every field is optional.
type Seed struct {
	Inventory struct {
		Datacenters     *int `json:"datacenters"`
		Clusters        *int `json:"clusters"`
		HostsPerCluster *int `json:"hostsPerCluster"`
		StandaloneHosts *int `json:"standaloneHosts"`
		VmsPerPool      *int `json:"vmsPerPool"`
		LocalDatastores *int `json:"localDatastores"`
	} `json:"inventory"`
	VCenter *struct {
		Version string `json:"version"`
		Build   string `json:"build"`
	} `json:"vcenter"`
	EsxiVersion     string            `json:"esxiVersion"`
	HostVersions    map[string]string `json:"hostVersions"`
	StoragePolicies []struct {
		Name        string `json:"name"`
		Description string `json:"description"`
	} `json:"storagePolicies"`
	Datastores []struct {
		Name       string `json:"name"`
		Type       string `json:"type"`
		URL        string `json:"url"`
		Datacenter string `json:"datacenter"`
	} `json:"datastores"`
	TagCategories []struct {
		Name            string   `json:"name"`
		Description     string   `json:"description"`
		Cardinality     string   `json:"cardinality"`
		AssociableTypes []string `json:"associableTypes"`
		Tags            []string `json:"tags"`
	} `json:"tagCategories"`
	VMs []SeedVM `json:"vms"`
}

type SeedVM struct {
	Name            string            `json:"name"`
	Datacenter      string            `json:"datacenter"`
	Folder          string            `json:"folder"`
	Datastore       string            `json:"datastore"`
	HardwareVersion string            `json:"hardwareVersion"`
	ExtraConfig     map[string]string `json:"extraConfig"`
	Controllers     []struct {
		Type  string `json:"type"`
		Disks int    `json:"disks"`
	} `json:"controllers"`
}

// Info is what the simulator prints (and writes to -info) once it is ready.
type Info struct {
	URL              string `json:"url"`
	Host             string `json:"host"`
	Port             int    `json:"port"`
	User             string `json:"user"`
	Password         string `json:"password"`
	CAFile           string `json:"caFile"`
	ThumbprintSHA1   string `json:"thumbprintSha1"`
	ThumbprintSHA256 string `json:"thumbprintSha256"`
	PID              int    `json:"pid"`
}

func main() {
	listen := flag.String("listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	seedFile := flag.String("seed", "", "JSON seed file")
	infoFile := flag.String("info", "", "also write the ready JSON to this file")
	certDir := flag.String("cert-dir", "", "directory for the generated CA certificate (default: a new temp dir)")
	user := flag.String("username", "vcsim-user", "login user name")
	pass := flag.String("password", "vcsim-pass", "login password")
	watchStdin := flag.Bool("exit-on-stdin-eof", false, "exit when stdin is closed (the parent went away)")
	trace := flag.Bool("trace", false, "log SOAP traffic to stderr")
	flag.Parse()
	simulator.Trace = *trace

	var seed Seed
	if *seedFile != "" {
		data, err := ioutil.ReadFile(*seedFile)
		if err != nil {
			log.Fatalf("reading seed: %v", err)
		}
		if err := json.Unmarshal(data, &seed); err != nil {
			log.Fatalf("parsing seed %s: %v", *seedFile, err)
		}
	}

	model := simulator.VPX()
	setInt(&model.Datacenter, seed.Inventory.Datacenters)
	setInt(&model.Cluster, seed.Inventory.Clusters)
	setInt(&model.ClusterHost, seed.Inventory.HostsPerCluster)
	setInt(&model.Host, seed.Inventory.StandaloneHosts)
	setInt(&model.Machine, seed.Inventory.VmsPerPool)
	setInt(&model.Datastore, seed.Inventory.LocalDatastores)
	if seed.VCenter != nil {
		about := &model.ServiceContent.About
		if seed.VCenter.Version != "" {
			about.Version = seed.VCenter.Version
		}
		if seed.VCenter.Build != "" {
			about.Build = seed.VCenter.Build
		}
		about.FullName = fmt.Sprintf("VMware vCenter Server %s build-%s", about.Version, about.Build)
	}
	if err := model.Create(); err != nil {
		log.Fatalf("creating the inventory: %v", err)
	}

	var tempDirs []string
	cleanup := func() {
		model.Remove()
		for _, d := range tempDirs {
			_ = os.RemoveAll(d)
		}
	}

	dir := *certDir
	if dir == "" {
		d, err := ioutil.TempDir("", "vcsim-lite-")
		if err != nil {
			log.Fatal(err)
		}
		dir = d
		tempDirs = append(tempDirs, d)
	}
	cert, caFile, err := makeCertificates(dir)
	if err != nil {
		cleanup()
		log.Fatalf("generating certificates: %v", err)
	}

	model.Service.Listen = &url.URL{Host: *listen, User: url.UserPassword(*user, *pass)}
	model.Service.TLS = &tls.Config{Certificates: []tls.Certificate{cert}}
	model.Service.RegisterEndpoints = true
	server := model.Service.NewServer()

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	dirs, err := applySeed(ctx, server.URL, &seed)
	cancel()
	tempDirs = append(tempDirs, dirs...)
	if err != nil {
		server.Close()
		cleanup()
		log.Fatalf("seeding: %v", err)
	}
	rewriteDatastores(&seed)
	setHostVersions(&seed)

	host, portText, _ := net.SplitHostPort(server.URL.Host)
	var port int
	fmt.Sscanf(portText, "%d", &port)
	leaf := cert.Certificate[0]
	sum1 := sha1.Sum(leaf)
	sum256 := sha256.Sum256(leaf)
	info := Info{
		URL:              fmt.Sprintf("https://%s/sdk", server.URL.Host),
		Host:             host,
		Port:             port,
		User:             *user,
		Password:         *pass,
		CAFile:           caFile,
		ThumbprintSHA1:   colonHex(sum1[:]),
		ThumbprintSHA256: colonHex(sum256[:]),
		PID:              os.Getpid(),
	}
	line, _ := json.Marshal(info)
	if *infoFile != "" {
		tmp := *infoFile + ".tmp"
		if err := ioutil.WriteFile(tmp, append(line, '\n'), 0o600); err == nil {
			_ = os.Rename(tmp, *infoFile)
		}
	}
	fmt.Println(string(line))
	_ = os.Stdout.Sync()

	done := make(chan os.Signal, 1)
	signal.Notify(done, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	if *watchStdin {
		go func() {
			_, _ = ioutil.ReadAll(bufio.NewReader(os.Stdin))
			done <- syscall.SIGTERM
		}()
	}
	<-done
	server.Close()
	cleanup()
}

func setInt(dst *int, v *int) {
	if v != nil {
		*dst = *v
	}
}

func colonHex(b []byte) string {
	parts := make([]string, len(b))
	for i, c := range b {
		parts[i] = fmt.Sprintf("%02X", c)
	}
	return strings.Join(parts, ":")
}

// makeCertificates creates a throwaway CA and a server certificate for 127.0.0.1 signed by it.
// The CA goes to dir/ca.pem so clients can trust it instead of disabling verification.
func makeCertificates(dir string) (tls.Certificate, string, error) {
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(now.UnixNano()),
		Subject:               pkix.Name{CommonName: "vcsim-lite test CA", Organization: []string{"vsphere-csi-lint tests"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(7 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return tls.Certificate{}, "", err
	}

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	template := &x509.Certificate{
		SerialNumber: big.NewInt(now.UnixNano() + 1),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(7 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1")},
		DNSNames:     []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, template, caCert, &key.PublicKey, caKey)
	if err != nil {
		return tls.Certificate{}, "", err
	}

	caFile := filepath.Join(dir, "ca.pem")
	caPEM := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER})
	if err := ioutil.WriteFile(caFile, caPEM, 0o644); err != nil {
		return tls.Certificate{}, "", err
	}
	return tls.Certificate{Certificate: [][]byte{der, caDER}, PrivateKey: key}, caFile, nil
}

// applySeed creates the seeded objects through the regular client APIs, as a user would.
// It returns the directories it created for datastores (removed on exit).
func applySeed(ctx context.Context, u *url.URL, seed *Seed) ([]string, error) {
	var dirs []string
	c, err := govmomi.NewClient(ctx, u, true)
	if err != nil {
		return dirs, fmt.Errorf("login: %w", err)
	}
	defer func() { _ = c.Logout(context.Background()) }()
	finder := find.NewFinder(c.Client, false)

	datacenter := func(name string) (*object.Datacenter, error) {
		if name == "" {
			name = "DC0"
		}
		dc, err := finder.Datacenter(ctx, name)
		if err == nil {
			finder.SetDatacenter(dc)
		}
		return dc, err
	}

	for _, ds := range seed.Datastores {
		dc, err := datacenter(ds.Datacenter)
		if err != nil {
			return dirs, err
		}
		dir, err := ioutil.TempDir("", fmt.Sprintf("govcsim-%s-%s-", dc.Name(), ds.Name))
		if err != nil {
			return dirs, err
		}
		dirs = append(dirs, dir)
		hosts, err := finder.HostSystemList(ctx, "*/*")
		if err != nil {
			return dirs, err
		}
		for _, h := range hosts {
			dss, err := h.ConfigManager().DatastoreSystem(ctx)
			if err != nil {
				return dirs, err
			}
			if _, err := dss.CreateLocalDatastore(ctx, ds.Name, dir); err != nil {
				return dirs, fmt.Errorf("datastore %s: %w", ds.Name, err)
			}
		}
	}

	for _, vm := range seed.VMs {
		if err := createVM(ctx, finder, datacenter, vm); err != nil {
			return dirs, fmt.Errorf("vm %s: %w", vm.Name, err)
		}
	}

	if len(seed.StoragePolicies) > 0 {
		pc, err := pbm.NewClient(ctx, c.Client)
		if err != nil {
			return dirs, err
		}
		for _, p := range seed.StoragePolicies {
			_, err := pc.CreateProfile(ctx, pbmtypes.PbmCapabilityProfileCreateSpec{
				Name:         p.Name,
				Description:  p.Description,
				Category:     string(pbmtypes.PbmProfileCategoryEnumREQUIREMENT),
				ResourceType: pbmtypes.PbmProfileResourceType{ResourceType: string(pbmtypes.PbmProfileResourceTypeEnumSTORAGE)},
				Constraints:  &pbmtypes.PbmCapabilitySubProfileConstraints{},
			})
			if err != nil {
				return dirs, fmt.Errorf("storage policy %s: %w", p.Name, err)
			}
		}
	}

	if len(seed.TagCategories) > 0 {
		rc := rest.NewClient(c.Client)
		if err := rc.Login(ctx, u.User); err != nil {
			return dirs, fmt.Errorf("rest login: %w", err)
		}
		defer func() { _ = rc.Logout(context.Background()) }()
		m := tags.NewManager(rc)
		for _, cat := range seed.TagCategories {
			cardinality := cat.Cardinality
			if cardinality == "" {
				cardinality = "SINGLE"
			}
			id, err := m.CreateCategory(ctx, &tags.Category{
				Name:            cat.Name,
				Description:     cat.Description,
				Cardinality:     cardinality,
				AssociableTypes: cat.AssociableTypes,
			})
			if err != nil {
				return dirs, fmt.Errorf("tag category %s: %w", cat.Name, err)
			}
			for _, t := range cat.Tags {
				if _, err := m.CreateTag(ctx, &tags.Tag{Name: t, CategoryID: id}); err != nil {
					return dirs, fmt.Errorf("tag %s: %w", t, err)
				}
			}
		}
	}
	return dirs, nil
}

func createVM(ctx context.Context, finder *find.Finder, datacenter func(string) (*object.Datacenter, error), vm SeedVM) error {
	dc, err := datacenter(vm.Datacenter)
	if err != nil {
		return err
	}
	folders, err := dc.Folders(ctx)
	if err != nil {
		return err
	}
	folder := folders.VmFolder
	if vm.Folder != "" {
		for _, part := range strings.Split(strings.Trim(vm.Folder, "/"), "/") {
			child, err := finder.Folder(ctx, path.Join(folder.InventoryPath, part))
			if err != nil {
				if child, err = folder.CreateFolder(ctx, part); err != nil {
					return err
				}
				child.InventoryPath = path.Join(folder.InventoryPath, part)
			}
			folder = child
		}
	}
	pool, err := finder.DefaultResourcePool(ctx)
	if err != nil {
		if pools, perr := finder.ResourcePoolList(ctx, "*/Resources"); perr == nil && len(pools) > 0 {
			pool, err = pools[0], nil
		}
	}
	if err != nil {
		return err
	}
	dsName := vm.Datastore
	if dsName == "" {
		dsName = "LocalDS_0"
	}
	ds, err := finder.Datastore(ctx, dsName)
	if err != nil {
		return err
	}

	var devices object.VirtualDeviceList
	diskCount := 0
	for _, ctl := range vm.Controllers {
		var dev types.BaseVirtualDevice
		if ctl.Type == "nvme" {
			dev, err = devices.CreateNVMEController()
		} else {
			dev, err = devices.CreateSCSIController(ctl.Type)
		}
		if err != nil {
			return err
		}
		devices = append(devices, dev)
		for i := 0; i < ctl.Disks; i++ {
			diskCount++
			name := fmt.Sprintf("[%s] %s/disk%d.vmdk", dsName, vm.Name, diskCount)
			disk := devices.CreateDisk(dev.(types.BaseVirtualController), ds.Reference(), name)
			disk.CapacityInKB = 1024
			devices = append(devices, disk)
		}
	}
	changes, err := devices.ConfigSpec(types.VirtualDeviceConfigSpecOperationAdd)
	if err != nil {
		return err
	}
	for _, change := range changes {
		spec := change.GetVirtualDeviceConfigSpec()
		if _, ok := spec.Device.(*types.VirtualDisk); ok {
			spec.FileOperation = types.VirtualDeviceConfigSpecFileOperationCreate
		}
	}

	config := types.VirtualMachineConfigSpec{
		Name:         vm.Name,
		GuestId:      string(types.VirtualMachineGuestOsIdentifierOtherGuest64),
		Version:      vm.HardwareVersion,
		Files:        &types.VirtualMachineFileInfo{VmPathName: fmt.Sprintf("[%s]", dsName)},
		DeviceChange: changes,
	}
	for k, v := range vm.ExtraConfig {
		config.ExtraConfig = append(config.ExtraConfig, &types.OptionValue{Key: k, Value: v})
	}
	task, err := folder.CreateVM(ctx, config, pool, nil)
	if err != nil {
		return err
	}
	_, err = task.WaitForResult(ctx, nil)
	return err
}

// summaryTypes maps the seed's datastore type to what vCenter reports in summary.type.
var summaryTypes = map[string]string{
	"vmfs": "VMFS", "vsan": "vsan", "nfs": "NFS", "nfs41": "NFS41", "vvol": "VVOL", "vsand": "vsanD", "pmem": "PMEM",
}

// rewriteDatastores gives every datastore the `ds:///vmfs/volumes/...` URL real vCenter reports
// (the simulator reports its local directory) and the seeded type.
func rewriteDatastores(seed *Seed) {
	for _, obj := range simulator.Map.All("Datastore") {
		ds := obj.(*simulator.Datastore)
		kind, custom := "", ""
		for _, s := range seed.Datastores {
			if s.Name == ds.Name {
				kind, custom = strings.ToLower(s.Type), s.URL
			}
		}
		simulator.Map.WithLock(ds, func() {
			if t, ok := summaryTypes[kind]; ok {
				ds.Summary.Type = t
			}
			if custom != "" {
				ds.Summary.Url = custom
			} else {
				ds.Summary.Url = fakeDatastoreURL(ds.Name, kind)
			}
		})
	}
}

func fakeDatastoreURL(name, kind string) string {
	h := sha256.Sum256([]byte(name))
	x := fmt.Sprintf("%x", h[:])
	switch kind {
	case "vsan", "vsand":
		return fmt.Sprintf("ds:///vmfs/volumes/vsan:%s-%s/", x[0:16], x[16:32])
	case "nfs", "nfs41":
		return fmt.Sprintf("ds:///vmfs/volumes/%s-%s/", x[0:8], x[8:16])
	case "vvol":
		return fmt.Sprintf("ds:///vmfs/volumes/vvol:%s-%s/", x[0:16], x[16:32])
	default:
		return fmt.Sprintf("ds:///vmfs/volumes/%s-%s-%s-%s/", x[0:8], x[8:16], x[16:20], x[20:32])
	}
}

// setHostVersions changes the ESXi version hosts report (config.product and summary.config.product).
func setHostVersions(seed *Seed) {
	if seed.EsxiVersion == "" && len(seed.HostVersions) == 0 {
		return
	}
	for _, obj := range simulator.Map.All("HostSystem") {
		h := obj.(*simulator.HostSystem)
		version := seed.EsxiVersion
		if v, ok := seed.HostVersions[h.Name]; ok {
			version = v
		}
		if version == "" {
			continue
		}
		simulator.Map.WithLock(h, func() {
			if h.Config != nil {
				h.Config.Product.Version = version
				h.Config.Product.FullName = fmt.Sprintf("VMware ESXi %s build-%s", version, h.Config.Product.Build)
			}
			if p := h.Summary.Config.Product; p != nil {
				product := *p // shared between hosts by the simulator: copy before changing
				product.Version = version
				product.FullName = fmt.Sprintf("VMware ESXi %s build-%s", version, product.Build)
				h.Summary.Config.Product = &product
			}
		})
	}
}
