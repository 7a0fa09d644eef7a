<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="95"/>
        <source>About FieldKit</source>
        <translation>FieldKit について</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="110"/>
        <source>Cooperation meetings, project monitoring visits and follow-ups, offline.</source>
        <translation>協力に関する面談、案件のモニタリング視察、フォローアップをオフラインで記録します。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="114"/>
        <source>Python {python}, Qt for Python {qt}, {platform}{bundled}</source>
        <translation>Python {python}、Qt for Python {qt}、{platform}{bundled}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="118"/>
        <source> (application bundle)</source>
        <translation>（配布パッケージ版）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="127"/>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="131"/>
        <source>Data folder:</source>
        <translation>データフォルダー:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="147"/>
        <source>Libraries ({n})</source>
        <translation>ライブラリ（{n}）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="148"/>
        <source>Fonts ({n})</source>
        <translation>フォント（{n}）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="152"/>
        <source>Copy details</source>
        <translation>詳細をコピー</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="153"/>
        <source>Copy the version, folders and components, for a support request</source>
        <translation>サポートを依頼するときのために、バージョン、フォルダー、構成要素の情報をコピーします</translation>
    </message>
</context>
<context>
    <name>AppLock</name>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="106"/>
        <source>Lock FieldKit</source>
        <translation>FieldKit をロック</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="107"/>
        <source>Change passphrase…</source>
        <translation>パスフレーズの変更…</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="117"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="166"/>
        <source>FieldKit (locked)</source>
        <translation>FieldKit（ロック中）</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="171"/>
        <source>FieldKit is locked</source>
        <translation>FieldKit はロックされています</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="173"/>
        <source>This store is not encrypted, so it has no passphrase: anyone can unlock it. Encrypt it (restart FieldKit and accept the offer) to protect it.</source>
        <translation>このデータは暗号化されていないため、パスフレーズがなく、誰でもロックを解除できます。保護するには暗号化してください（FieldKit を再起動し、表示される暗号化の案内で「暗号化」を選びます）。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="218"/>
        <source>The data on this laptop is now encrypted.</source>
        <translation>このパソコンのデータを暗号化しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="226"/>
        <source>Passphrase changed.</source>
        <translation>パスフレーズを変更しました。</translation>
    </message>
</context>
<context>
    <name>ChangePassphraseDialog</name>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="233"/>
        <source>Change passphrase</source>
        <translation>パスフレーズの変更</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="235"/>
        <source>Current passphrase</source>
        <translation>現在のパスフレーズ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="237"/>
        <source>New passphrase:</source>
        <translation>新しいパスフレーズ:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="242"/>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="249"/>
        <source>Current passphrase:</source>
        <translation>現在のパスフレーズ:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="266"/>
        <source>Type the current passphrase first.</source>
        <translation>先に現在のパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="269"/>
        <source>The new passphrase is the same as the current one.</source>
        <translation>新しいパスフレーズが現在のパスフレーズと同じです。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="283"/>
        <source>The current passphrase is wrong; nothing was changed ({n} wrong in a row).</source>
        <translation>現在のパスフレーズが正しくありません。何も変更していません（連続 {n} 回の誤り）。</translation>
    </message>
</context>
<context>
    <name>ChoosePassphrase</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="227"/>
        <source>New passphrase</source>
        <translation>新しいパスフレーズ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="228"/>
        <source>Repeat the passphrase</source>
        <translation>パスフレーズの再入力</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="232"/>
        <source>I understand: if I forget it, nobody can recover the data.</source>
        <translation>パスフレーズを忘れると誰もデータを復元できないことを理解しました。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="234"/>
        <source>Forgotten passphrase cannot be recovered</source>
        <translation>忘れたパスフレーズは復元できません</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="237"/>
        <source>Passphrase:</source>
        <translation>パスフレーズ:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="240"/>
        <source>Repeat:</source>
        <translation>再入力:</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="252"/>
        <source>The two passphrases differ.</source>
        <translation>入力した2つのパスフレーズが一致しません。</translation>
    </message>
</context>
<context>
    <name>ChoosePassphraseDialog</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="324"/>
        <source>Protect the data on this laptop</source>
        <translation>このパソコンのデータの保護</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="328"/>
        <source>The records on this laptop are not encrypted: anyone who copies the FieldKit folder can read them. Choose a passphrase to encrypt them now. Nothing is lost if this is interrupted.</source>
        <translation>このパソコンの記録は暗号化されていません。FieldKit のフォルダーをコピーすれば、誰でも読むことができます。パスフレーズを決めて、今すぐ暗号化してください。途中で中断されても、データが失われることはありません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="334"/>
        <source>FieldKit encrypts everything it keeps on this laptop: records, drafts, history and photos. Choose a passphrase; you will type it each time FieldKit starts or is unlocked.</source>
        <translation>FieldKit は、このパソコンに保存するすべてのデータ（記録、下書き、履歴、写真）を暗号化します。パスフレーズを決めてください。FieldKit の起動時とロック解除時に、毎回このパスフレーズを入力します。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="342"/>
        <source>Encrypt</source>
        <translation>暗号化</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="347"/>
        <source>Not now</source>
        <translation>後で</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="350"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
</context>
<context>
    <name>ComponentList</name>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="47"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="47"/>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="47"/>
        <source>Licence</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="60"/>
        <source>Select an entry to read its licence.</source>
        <translation>項目を選択すると、そのライセンス条項が表示されます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/about.py" line="87"/>
        <source>This component ships no licence file.</source>
        <translation>この構成要素にはライセンスファイルが同梱されていません。</translation>
    </message>
</context>
<context>
    <name>Cover</name>
    <message>
        <location filename="../../fieldkit/ui/lock.py" line="60"/>
        <source>FieldKit is locked</source>
        <translation>FieldKit はロックされています</translation>
    </message>
</context>
<context>
    <name>PassphraseField</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="157"/>
        <location filename="../../fieldkit/ui/unlock.py" line="168"/>
        <source>Show</source>
        <translation>表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="158"/>
        <source>Show passphrase</source>
        <translation>パスフレーズを表示</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="168"/>
        <source>Hide</source>
        <translation>非表示</translation>
    </message>
</context>
<context>
    <name>SecurityWording</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="98"/>
        <source>Done.</source>
        <translation>完了しました。</translation>
    </message>
</context>
<context>
    <name>StrengthMeter</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="184"/>
        <source>Passphrase strength</source>
        <translation>パスフレーズの強度</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="202"/>
        <source>Use four or more unrelated words, or a long sentence.</source>
        <translation>互いに関係のない4つ以上の単語か、長い文を使ってください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="204"/>
        <source>Strength: {label}. Guessing it would take {time}.</source>
        <translation>強度: {label}。推測による解読には{time}かかります。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="210"/>
        <source>Strength: {label}. Not accepted: {problem}. {hint}</source>
        <translation>強度: {label}。このパスフレーズは使用できません: {problem}。{hint}</translation>
    </message>
</context>
<context>
    <name>Unlock</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="105"/>
        <source>A forgotten passphrase cannot be recovered: nobody, including HQ, can decrypt this laptop&apos;s store without it. Records already synced are safe at HQ; a fresh enrolment brings the embassy&apos;s records back.</source>
        <translation>忘れたパスフレーズは復元できません。本省を含め誰も、パスフレーズなしにこのパソコンのデータを復号することはできません。同期済みの記録は本省で保管されており、改めて登録し直せば公館の記録が戻ります。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="116"/>
        <source>Too many wrong passphrases. Try again in {n} s.</source>
        <translation>誤ったパスフレーズの入力が続きました。{n} 秒後にもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="120"/>
        <source>The data is open in another FieldKit window or command. Close it and try again.</source>
        <translation>データが別の FieldKit のウィンドウまたはコマンドで開かれています。そちらを閉じてから、もう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="125"/>
        <source>The data file is damaged or was altered, so FieldKit cannot open it. It was left untouched. Details: {detail}</source>
        <translation>データファイルが破損しているか改変されているため、開くことができません。ファイルには手を加えていません。詳細: {detail}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="131"/>
        <source>The new passphrase is not strong enough.</source>
        <translation>新しいパスフレーズの強度が不十分です。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="133"/>
        <source>The data on this laptop is not encrypted.</source>
        <translation>このパソコンのデータは暗号化されていません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="134"/>
        <source>This could not be done: {detail}</source>
        <translation>処理を完了できませんでした: {detail}</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="293"/>
        <source>Forgotten passphrase</source>
        <translation>パスフレーズを忘れた場合</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="294"/>
        <source>A forgotten passphrase cannot be recovered.</source>
        <translation>忘れたパスフレーズは復元できません。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="296"/>
        <source>Nobody, including HQ, can decrypt the data on this laptop without it. Records that were synced are safe at HQ: ask HQ for a fresh enrolment, which brings the embassy&apos;s records back to a new, empty FieldKit folder. Unsynced changes on this laptop are lost.</source>
        <translation>本省を含め誰も、パスフレーズなしにこのパソコンのデータを復号することはできません。同期済みの記録は本省で保管されています。本省に登録のし直しを依頼すれば、新しい空の FieldKit フォルダーに公館の記録が戻ります。このパソコンで同期していなかった変更は失われます。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="304"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="427"/>
        <source>FieldKit is locked</source>
        <translation>FieldKit はロックされています</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="428"/>
        <source>FieldKit is locked. Enter the passphrase to continue.</source>
        <translation>FieldKit はロックされています。続けるにはパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="430"/>
        <source>Unlock FieldKit</source>
        <translation>FieldKit のロック解除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="431"/>
        <source>Enter the passphrase for the FieldKit data in {folder}.</source>
        <translation>{folder} にある FieldKit データのパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="435"/>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="439"/>
        <source>Forgot the passphrase?</source>
        <translation>パスフレーズを忘れた場合</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="444"/>
        <source>Unlock</source>
        <translation>ロック解除</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="446"/>
        <source>Quit FieldKit</source>
        <translation>FieldKit を終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="446"/>
        <source>Quit</source>
        <translation>終了</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="480"/>
        <source>Too many wrong passphrases. Try again in {n} s.</source>
        <translation>誤ったパスフレーズの入力が続きました。{n} 秒後にもう一度お試しください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="497"/>
        <source>Type the passphrase first.</source>
        <translation>先にパスフレーズを入力してください。</translation>
    </message>
    <message>
        <location filename="../../fieldkit/ui/unlock.py" line="508"/>
        <source>Wrong passphrase ({n} wrong in a row).</source>
        <translation>パスフレーズが正しくありません（連続 {n} 回の誤り）。</translation>
    </message>
</context>
</TS>
