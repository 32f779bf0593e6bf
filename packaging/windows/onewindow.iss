; Inno Setup 6 script: wraps the PyInstaller folder dist\onewindow (packaging\onewindow.spec)
; in OneWindow-Setup-<version>.exe. Built by .github/workflows/windows-build.yml:
;   iscc /DAppVersion=0.1.0 packaging\windows\onewindow.iss
; The program goes to Program Files; the data stays in %LOCALAPPDATA%\OneWindow
; and survives uninstalling.
; Saved as UTF-8 with a BOM, so that Inno Setup reads the Chinese names right.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#define AppName "一窗通 OneWindow"
#define AppExe "onewindow.exe"

[Setup]
AppId={{6F1B7C1E-3D52-4E0B-9A77-0E5C2F4D1A19}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=OneWindow
DefaultDirName={autopf}\OneWindow
DefaultGroupName=一窗通
DisableProgramGroupPage=yes
OutputDir=..\..\dist
OutputBaseFilename=OneWindow-Setup-{#AppVersion}
SetupIconFile=onewindow.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
; Qt 6 needs Windows 10 (build 10.0) or later, 64-bit.
MinVersion=10.0
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
WizardStyle=modern
; A running desk would keep its files locked: ask to close it.
CloseApplications=yes

[Languages]
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\onewindow\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\一窗通"; Filename: "{app}\{#AppExe}"
Name: "{autodesktop}\一窗通"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,一窗通}"; Flags: nowait postinstall skipifsilent

; Only the program's own folder is removed; the center's data in
; %LOCALAPPDATA%\OneWindow is never touched by the uninstaller.
[UninstallDelete]
Type: dirifempty; Name: "{app}"
